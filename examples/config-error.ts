// config(8) refuses a kernel that asks for both ti(4) jumbo buffer schemes.
import { boot, ConfigError } from 'zcsim';

const tigon = (jumbos: string) => `machine   i386
cpu       I686_CPU
ident     TIGON
options   ZERO_COPY_SOCKETS
device    pci
device    ti
options   TI_JUMBO_HDRSPLIT
${jumbos}
`;

try {
  boot(tigon('options   TI_PRIVATE_JUMBOS'), { file: 'TIGON' });
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.log(e.message);
}

// Header splitting needs page-sized jumbo buffers, so drop the private pool.
const kernel = boot(tigon('#options  TI_PRIVATE_JUMBOS'), { file: 'TIGON' });
console.log(`booted ${kernel.ident}: ${kernel.dmesg[3]}`);
console.log(`TI_JUMBO_HDRSPLIT: ${kernel.hasOption('TI_JUMBO_HDRSPLIT')}`);
console.log(`TI_PRIVATE_JUMBOS: ${kernel.hasOption('TI_PRIVATE_JUMBOS')}`);
