// boot() and the Kernel it returns.
// Mirrors sys/kern/init_main.c: mi_startup() runs every SYSINIT in order.
//
//   const kernel = boot(GENERIC);              // throws ConfigError
//   kernel.sysctl('kern.ostype');              // 'FreeBSD'
//   kernel.sysctl('kern.hostname', 'ns1');     // returns the old value
//
// The Kernel owns what every subsystem shares: the validated configuration,
// the boot-time sizes (param), the sysctl tree and the message buffer. A
// subsystem keeps its own state in a typed optional field of the Kernel
// (declared below, filled by its SysInit) and joins the boot by adding its
// SysInit to `sysinits`; one field per subsystem, no hidden module state.

import { config, type KernelConfig } from '../conf/config.ts';
import { version } from '../conf/newvers.ts';
import type { OptionValue } from '../conf/options.ts';
import { cpu_startup_sysinit } from '../i386/i386/machdep.ts';
import { GENERIC } from '../i386/conf/GENERIC.ts';
import { BUILD_HOST } from '../i386/i386/pc.ts';
import { SI_ORDER_FIRST, SI_ORDER_SECOND, SI_SUB_COPYRIGHT, type SysInit } from '../sys/kernel.ts';
import { kern_mib_sysinit } from './kern_mib.ts';
import { SysctlTree, type SysctlValue } from './kern_sysctl.ts';
import { init_param, type KernelParam } from './subr_param.ts';
import { mbinit_sysinit } from './subr_mbuf.ts';
import { sb_init_sysinit } from './uipc_socket2.ts';
import { so_zero_copy_sysinit } from './uipc_socket.ts';
import { configure_sysinit } from './subr_bus.ts';
import { hostname_sysinit, machine_setup, type MachineDesc, type MachineOptions } from './kern_machine.ts';
import type { Simulation } from '../engine/simulation.ts';
import type { Cpu } from '../engine/cpu.ts';
import type { PciBus } from '../hardware/pci.ts';
import { SdtProviders } from './kern_sdt.ts';
import { vm_mem_init_sysinit } from '../vm/vm_init.ts';
import { vm_meter_sysinit } from '../vm/vm_meter.ts';
import { proc_table, procinit_sysinit, type ProcBody, type SpawnOptions } from './kern_proc.ts';
import type { Proc } from '../sys/proc.ts';
import { sched_run, type SchedResult, type SchedRunOptions } from './sched_run.ts';
import { ip_init_sysinit } from '../netinet/ip_input.ts';
import { tcp_init_sysinit } from '../netinet/tcp_subr.ts';
import { in_proto_sysinit } from '../netinet/in_proto.ts';
import { eventhandler_kernel_booted } from './subr_eventhandler.ts';
import { sim_of } from './kern_machine.ts';
import type { ifnet } from '../net/if_var.ts';
import type { Netisr } from '../net/netisr.ts';
import type { CowState } from './uipc_cow.ts';
import type { ProcTable } from './kern_proc.ts';
import type { jumbo_pool } from './uipc_jumbo.ts';
import type { ZeroCopyControls } from '../sys/socketvar.ts';
import type { cdev } from './kern_conf.ts';
import type { IntCell } from './kern_sysctl.ts';
import type { MbAlloc } from './subr_mbuf.ts';
import type { UiomoveStats } from './kern_subr.ts';
import type { protosw } from './uipc_domain.ts';
import type { VmSystem } from '../vm/vm_init.ts';
import type { ip_state_t } from '../netinet/ip_var.ts';
import type { inpcbinfo } from '../netinet/in_pcb.ts';
import type { tcp_state_t } from '../netinet/tcp_var.ts';
import type { in_ifaddr } from '../netinet/in_var.ts';

/** Also the machine: sim, machineClass, nics, hostname (sim/hardware.ts). */
export interface BootOptions extends MachineOptions {
  /** Name of the configuration file, used only in ConfigError messages. */
  readonly file?: string;
}

const copyright = [
  'Copyright (c) 1992-2002 The FreeBSD Project.',
  'Copyright (c) 1979, 1980, 1983, 1986, 1988, 1989, 1991, 1992, 1993, 1994',
  '\tThe Regents of the University of California. All rights reserved.',
];

const print_caddr_t: SysInit = {
  name: 'print_caddr_t',
  subsystem: SI_SUB_COPYRIGHT,
  order: SI_ORDER_FIRST,
  func: (kernel) => copyright.forEach((line) => kernel.printf(line)),
};

const print_version: SysInit = {
  name: 'print_version',
  subsystem: SI_SUB_COPYRIGHT,
  order: SI_ORDER_SECOND,
  func: (kernel) => version(kernel.ident, BUILD_HOST).forEach((line) => kernel.printf(line)),
};

// Every subsystem that runs at boot. Order in this list does not matter:
// mi_startup() sorts by (subsystem, order).
const sysinits: readonly SysInit[] = [
  print_caddr_t,
  print_version,
  kern_mib_sysinit,
  cpu_startup_sysinit,
  mbinit_sysinit,
  sb_init_sysinit,
  so_zero_copy_sysinit,
  configure_sysinit,
  hostname_sysinit,
  vm_mem_init_sysinit, // memory and processes: what sockets' system calls run in
  procinit_sysinit,
  vm_meter_sysinit, // vm.stats.sys.*, vm.stats.vm.*
  ip_init_sysinit, // IPv4 and TCP (netinet/)
  tcp_init_sysinit,
  in_proto_sysinit, // after tcp_init: hands IP and the sockets TCP's entry points
];

export class Kernel {
  readonly config: KernelConfig; // the validated configuration
  readonly param: KernelParam; // sizes fixed at boot: page, mbuf, maxusers, nmbclusters
  readonly sysctls = new SysctlTree(); // the sysctl MIB; subsystems register at boot
  private readonly msgbuf: string[] = []; // console output, one line per entry
  // The machine it runs on, given by machine_setup before any SYSINIT (kern/kern_machine.ts).
  sim!: Simulation; // the run's clock and event queue
  boot_ns = 0; // virtual time it booted (its uptime 0)
  host_id = 0; // its number in the run (0, 1, ...): what a board's serial number would be
  cpu!: Cpu; // its CPU and the machine class's cost model
  pci!: PciBus; // the bus its boards DMA through
  machine!: MachineDesc; // what boot was told: boards, host name, faults, loader tunables
  readonly sdt = new SdtProviders(); // its trace points' listeners (kern/kern_sdt.ts)
  // Each subsystem's state, set by its SYSINIT (or on first use, for lists
  // that start empty), so that two kernels in one run share nothing. One
  // field per subsystem, named after the FreeBSD global it stands for.
  vm?: VmSystem; // vm_page_array, the page queues, vmmeter (vm/vm_init.ts)
  proctable?: ProcTable; // allproc and friends (kern/kern_proc.ts)
  mb?: MbAlloc; // the mbuf allocator's lists and limits (kern/subr_mbuf.ts)
  jumbo?: jumbo_pool; // jumbo(9)'s object and KVA slots (kern/uipc_jumbo.ts)
  socow?: CowState; // zero copy send's loans and counters (kern/uipc_cow.ts)
  zero_copy?: ZeroCopyControls; // kern.ipc.zero_copy.* (set up in kern/uipc_socket.ts, read through sys/socketvar.ts)
  numopensockets?: IntCell; // kern.ipc.numopensockets (so_count_add, kern/uipc_socket2.ts)
  sb_max_cell?: IntCell; // kern.ipc.maxsockbuf (kern/uipc_socket2.ts)
  uiomove_stats?: UiomoveStats; // what uiomove copied and flipped (kern/kern_subr.ts)
  devfs?: Map<string, cdev>; // /dev by name (kern/kern_conf.ts)
  protosw?: protosw[]; // the protocol switch, all domains (kern/uipc_domain.ts)
  ifnets?: ifnet[]; // the ifnet list (net/if.ts)
  netisrs?: Netisr[]; // netisr queues by number (net/netisr.ts)
  in_ifaddrs?: in_ifaddr[]; // in_ifaddrhead (netinet/in_var.ts)
  ip?: ip_state_t; // ipstat, ip_id, inetsw (netinet/ip_var.ts)
  tcp?: tcp_state_t; // tcpstat and the tunables (netinet/tcp_var.ts)
  tcbinfo?: inpcbinfo; // TCP's PCBs (netinet/tcp_subr.ts)

  /** Use boot(); the constructor only records, it does not run the SYSINITs. */
  constructor(conf: KernelConfig) {
    this.config = conf;
    this.param = init_param(conf);
  }

  /** The `ident` line of the configuration (kern.ident). */
  get ident(): string {
    return this.config.ident;
  }

  /** The configured options, e.g. options.get('MSIZE') === 512; boolean options map to true. */
  get options(): ReadonlyMap<string, OptionValue> {
    return this.config.options;
  }

  /** The configured devices and their counts (0 when the line gave none). */
  get devices(): ReadonlyMap<string, number> {
    return this.config.devices;
  }

  /** The boot messages so far, like dmesg(8). */
  get dmesg(): readonly string[] {
    return this.msgbuf;
  }

  /** True if the configuration has `options name`. */
  hasOption(name: string): boolean {
    return this.config.options.has(name);
  }

  /** True if the configuration has `device name`. */
  hasDevice(name: string): boolean {
    return this.config.devices.has(name);
  }

  /** Kernel printf: appends one line to the message buffer. */
  printf(line: string): void {
    this.msgbuf.push(line);
  }

  /**
   * sysctlbyname(3). With one argument, returns the value of leaf `name`.
   * With two, stores `newValue` and returns the old value.
   * Throws SyscallError: ENOENT (no such name), EISDIR (a node, not a leaf),
   * EPERM (read-only), EINVAL (wrong type or out of range); nothing changes then.
   */
  sysctl(name: string, newValue?: SysctlValue): SysctlValue {
    return newValue === undefined ? this.sysctls.read(name) : this.sysctls.write(name, newValue);
  }

  /** sysctl(8) / sysctl -a: `name: value` lines at or below `prefix`, in OID order. Throws ENOENT. */
  sysctlList(prefix?: string): string[] {
    return this.sysctls.list(prefix);
  }

  /** sysctl -d: the description of `name`. Throws ENOENT. */
  sysctlDescr(name: string): string {
    return this.sysctls.describe(name);
  }

  /** Starts a process on this machine running `body` (sys/proc.ts says what it can do); proc_table(kernel).spawn. */
  spawn(body: ProcBody, options?: SpawnOptions): Proc {
    return proc_table(this).spawn(body, options);
  }

  /** Runs the processes and events of this kernel's simulation until every process has exited: sched_run. */
  run(options?: SchedRunOptions): Promise<SchedResult> {
    return sched_run(sim_of(this), options);
  }

  /** Everything this machine's processes printed on stdout and stderr, in order. */
  get output(): string {
    return proc_table(this).output;
  }
}

/** Runs every SYSINIT in (subsystem, order) order, as mi_startup() does. */
function mi_startup(kernel: Kernel): void {
  const sorted = [...sysinits].sort((a, b) => a.subsystem - b.subsystem || a.order - b.order);
  for (const sip of sorted) sip.func(kernel);
}

/**
 * Boots a kernel built from `configText` (GENERIC when omitted).
 * Throws ConfigError if config(8) would reject the configuration.
 */
export function boot(configText: string = GENERIC, options: BootOptions = {}): Kernel {
  const kernel = new Kernel(config(configText, options.file));
  machine_setup(kernel, options);
  mi_startup(kernel);
  eventhandler_kernel_booted(kernel); // hosts that watch boots (kern/subr_eventhandler.ts)
  return kernel;
}
