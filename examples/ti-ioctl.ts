// /dev/ti0 from a process: read the driver's tunables with TIIOCGETPARAMS,
// then two requests the driver refuses: one it does not know (ENOTTY) and
// one that writes NIC memory, from a process that is not root (EPERM).
import {
  boot, GENERIC, open, close, ioctl, O_RDWR, _IOR, SyscallError, devfs_chmod,
  TIIOCGETPARAMS, ALT_WRITE_TG_MEM, SIZEOF_TI_PARAMS, ti_params_decode, tg_mem_encode,
} from 'zcsim';

const kernel = boot(GENERIC, { nics: ['ti'] });
console.log(kernel.dmesg.filter((line) => line.startsWith('ti0')).join('\n'));

function attempt(p: { printf(f: string, ...a: (string | number)[]): void }, what: string, call: () => void): void {
  try {
    call();
    p.printf('%s: ok\n', what);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    p.printf('%s: %s\n', what, e.message);
  }
}

kernel.spawn((p) => {
  const fd = open(p, '/dev/ti0', O_RDWR);
  const params = p.malloc(SIZEOF_TI_PARAMS);
  ioctl(p, fd, TIIOCGETPARAMS, params);
  const t = ti_params_decode(p.peek(params, SIZEOF_TI_PARAMS));
  p.printf('TIIOCGETPARAMS = %#x\n', TIIOCGETPARAMS);
  p.printf('rx coalescing: %d us or %d BDs\n', t.ti_rx_coal_ticks, t.ti_rx_max_coal_bds);
  p.printf('tx coalescing: %d us or %d BDs\n', t.ti_tx_coal_ticks, t.ti_tx_max_coal_bds);
  p.printf('statistics every %d us\n', t.ti_stat_ticks);
  attempt(p, 'ioctl _IOR(T, 99, int)', () => ioctl(p, fd, _IOR('T', 99, 4), params));
  close(p, fd);
}, { comm: 'tiparams' });
await kernel.run();

// Let everyone open the node, so the driver's own check is what refuses.
devfs_chmod(kernel, 'ti0', 0o666);
kernel.spawn((p) => {
  const fd = open(p, '/dev/ti0', O_RDWR);
  const data = p.malloc(16);
  const req = p.malloc(12);
  p.poke(req, tg_mem_encode({ tgAddr: 0x4000, userAddr: data, len: 16 }));
  attempt(p, 'uid 1001 ALT_WRITE_TG_MEM', () => ioctl(p, fd, ALT_WRITE_TG_MEM, req));
  close(p, fd);
}, { uid: 1001, comm: 'tipoke' });
await kernel.run();
console.log(kernel.output.trimEnd());
