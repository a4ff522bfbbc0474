// The top of the sysctl tree and the generic kern.* and hw.* leaves.
// Mirrors sys/kern/kern_mib.c. Runs first among the sysctl SYSINITs, so
// every later subsystem can hang its leaves on kern, kern.ipc, hw, net, vm...
//
// kern.ipc is declared here rather than in uipc_socket2.c so that it exists
// before the mbuf code (which runs before the socket code) registers under it.

import { ostype, osrelease, BSD } from '../conf/newvers.ts';
import { identify_cpu } from '../i386/i386/identcpu.ts';
import { NCPU } from '../i386/i386/pc.ts';
import { SI_ORDER_FIRST, SI_SUB_KMEM, type SysInit } from '../sys/kernel.ts';
import {
  CTL_DEBUG,
  CTL_HW,
  CTL_KERN,
  CTL_MACHDEP,
  CTL_NET,
  CTL_USER,
  CTL_VFS,
  CTL_VM,
  CTLFLAG_RD,
  CTLFLAG_RW,
  HW_BYTEORDER,
  HW_MACHINE,
  HW_MODEL,
  HW_NCPU,
  HW_PAGESIZE,
  HW_PHYSMEM,
  KERN_HOSTNAME,
  KERN_IPC,
  KERN_OSRELEASE,
  KERN_OSREV,
  KERN_OSTYPE,
  OID_AUTO,
} from '../sys/sysctl.ts';
import type { Kernel } from './init_main.ts';

/** Longest host name plus its NUL (sys/param.h), so names up to 255 characters. */
export const MAXHOSTNAMELEN = 256;

const LITTLE_ENDIAN = 1234; // hw.byteorder on i386

function sysctl_kern_mib(kernel: Kernel): void {
  const t = kernel.sysctls;
  t.node('', CTL_KERN, 'kern', CTLFLAG_RW, 'High kernel, proc, limits &c');
  t.node('', CTL_VM, 'vm', CTLFLAG_RW, 'Virtual memory');
  t.node('', CTL_VFS, 'vfs', CTLFLAG_RW, 'File system');
  t.node('', CTL_NET, 'net', CTLFLAG_RW, 'Network, (see socket.h)');
  t.node('', CTL_DEBUG, 'debug', CTLFLAG_RW, 'Debugging');
  t.node('', CTL_HW, 'hw', CTLFLAG_RW, 'hardware');
  t.node('', CTL_MACHDEP, 'machdep', CTLFLAG_RW, 'machine dependent');
  t.node('', CTL_USER, 'user', CTLFLAG_RW, 'user-level');

  t.string('kern', KERN_OSTYPE, 'ostype', CTLFLAG_RD, { value: ostype }, 0, 'Operating system type');
  t.string('kern', KERN_OSRELEASE, 'osrelease', CTLFLAG_RD, { value: osrelease }, 0, 'Operating system release');
  t.int('kern', KERN_OSREV, 'osrevision', CTLFLAG_RD, { value: BSD }, 'Operating system revision');
  t.string('kern', KERN_HOSTNAME, 'hostname', CTLFLAG_RW, { value: '' }, MAXHOSTNAMELEN, 'Hostname');
  t.node('kern', KERN_IPC, 'ipc', CTLFLAG_RW, 'IPC');
  t.string('kern', OID_AUTO, 'ident', CTLFLAG_RD, { value: kernel.ident }, 0, 'Kernel identifier');
  t.int('kern', OID_AUTO, 'maxusers', CTLFLAG_RD, { value: kernel.param.maxusers }, 'Hint for kernel tuning');

  t.string('hw', HW_MACHINE, 'machine', CTLFLAG_RD, { value: 'i386' }, 0, 'Machine class');
  t.string('hw', HW_MODEL, 'model', CTLFLAG_RD, { value: identify_cpu(kernel.config.cpus).model }, 0, 'Machine model');
  t.int('hw', HW_NCPU, 'ncpu', CTLFLAG_RD, { value: NCPU }, 'Number of active CPUs');
  t.int('hw', HW_BYTEORDER, 'byteorder', CTLFLAG_RD, { value: LITTLE_ENDIAN }, 'System byte order');
  t.ulong('hw', HW_PHYSMEM, 'physmem', CTLFLAG_RD, { value: kernel.param.physmem_bytes }, 'Amount of physical memory (in bytes)');
  t.int('hw', HW_PAGESIZE, 'pagesize', CTLFLAG_RD, { value: kernel.param.PAGE_SIZE }, 'System memory page size');
}

export const kern_mib_sysinit: SysInit = { name: 'sysctl_kern_mib', subsystem: SI_SUB_KMEM, order: SI_ORDER_FIRST, func: sysctl_kern_mib };
