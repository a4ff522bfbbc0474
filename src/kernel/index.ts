// zcsim: a simulated FreeBSD 5.0-CURRENT (2002) kernel for i386.
// This is the package's whole public interface; everything else is internal.
//
//   import { boot, GENERIC } from 'zcsim';
//   const kernel = boot(GENERIC + 'options ZERO_COPY_SOCKETS\n');
//   kernel.sysctl('kern.ipc.zero_copy.send');   // 1

export { boot, Kernel, type BootOptions } from './kern/init_main.ts';
export type { SysctlValue } from './kern/kern_sysctl.ts';
export type { KernelParam } from './kern/subr_param.ts';

// Kernel configuration (config(5), config(8)).
export { config as parseConfig, type KernelConfig } from './conf/config.ts';
export { ConfigError } from './conf/config_error.ts';
export { OPTIONS, CPU_TYPES, type OptionSpec, type OptionValue, type CpuType } from './conf/options.ts';
export { DEVICES, type DeviceSpec } from './conf/devices.ts';
export { GENERIC } from './i386/conf/GENERIC.ts';
export { LINT } from './i386/conf/LINT.ts';

// Errors from system calls.
export { SyscallError, type SyscallArg } from './sys/syscall_error.ts';
export { strerror, errno_name, type ErrnoName } from './sys/errno.ts';
export {
  EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EDEADLK, ENOMEM, EACCES,
  EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, ENOTTY,
  ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE, EDOM, ERANGE, EAGAIN, EINPROGRESS, EALREADY,
  ENOTSOCK, EDESTADDRREQ, EMSGSIZE, EPROTOTYPE, ENOPROTOOPT, EPROTONOSUPPORT, ESOCKTNOSUPPORT,
  EOPNOTSUPP, EPFNOSUPPORT, EAFNOSUPPORT, EADDRINUSE, EADDRNOTAVAIL, ENETDOWN, ENETUNREACH, ENETRESET,
  ECONNABORTED, ECONNRESET, ENOBUFS, EISCONN, ENOTCONN, ESHUTDOWN, ETOOMANYREFS, ETIMEDOUT,
  ECONNREFUSED, ELOOP, ENAMETOOLONG, EHOSTDOWN, EHOSTUNREACH, ENOTEMPTY, EPROCLIM, EUSERS, EDQUOT,
  ESTALE, EREMOTE, EBADRPC, ERPCMISMATCH, EPROGUNAVAIL, EPROGMISMATCH, EPROCUNAVAIL, ENOLCK, ENOSYS,
  EFTYPE, EAUTH, ENEEDAUTH, EIDRM, ENOMSG, EOVERFLOW, ECANCELED, EILSEQ, ENOATTR,
  EWOULDBLOCK, ENOTSUP, ELAST,
} from './sys/errno.ts';

// Machine and mbuf parameters (defaults; a booted kernel's are in kernel.param).
export { PAGE_SHIFT, PAGE_SIZE, PAGE_MASK, MSIZE, MCLSHIFT, MCLBYTES, trunc_page, round_page } from './sys/param.ts';
export {
  mbuf_geometry,
  type MbufGeometry,
  MLEN,
  MHLEN,
  MINCLSIZE,
  M_MAXCOMPRESS,
  M_EXT,
  M_PKTHDR,
  M_EOR,
  M_RDONLY,
  MT_DATA,
  MT_HEADER,
  EXT_CLUSTER,
  EXT_SFBUF,
  EXT_NET_DRV,
  EXT_MOD_TYPE,
  EXT_DISPOSABLE,
  EXT_SOCOW,
  M_PROTO1,
  M_PROTO2,
  M_PROTO3,
  M_PROTO4,
  M_PROTO5,
  M_BCAST,
  M_MCAST,
  M_FRAG,
  M_FIRSTFRAG,
  M_LASTFRAG,
  M_COPYFLAGS,
  MT_NOTMBUF,
  MT_SONAME,
  MT_FTABLE,
  MT_TAG,
  MT_CONTROL,
  MT_OOBDATA,
  MT_NTYPES,
  M_TRYWAIT,
  M_WAIT,
  M_DONTWAIT,
  M_COPYALL,
  M_PKTDAT_OFFSET,
  mbuf,
  type m_ext,
  type m_ext_free,
  type m_ext_refcnt,
  type pkthdr,
  m_storage,
  mtod,
  MEXT_IS_REF,
  M_WRITABLE,
  M_LEADINGSPACE,
  M_TRAILINGSPACE,
  M_ALIGN,
  MH_ALIGN,
} from './sys/mbuf.ts';

// The mbuf allocator (kern/subr_mbuf.c) and chain operations (kern/uipc_mbuf.c).
export {
  m_get,
  m_gethdr,
  m_get_clrd,
  m_getclr,
  m_gethdr_clrd,
  m_getcl,
  m_clget,
  m_extadd,
  m_free,
  m_freem,
  m_chtype,
  MGET,
  MGETHDR,
  MCLGET,
  MEXTADD,
  MEXTFREE,
  MCHTYPE,
  mbstat_get,
  mb_statpcpu,
  mb_inuse,
  nsfbufs,
  nmbufs_default,
  nsfbufs_default,
  MBUF_BUCK_SZ,
  CLUST_BUCK_SZ,
  type mbstat,
  type mbpstat,
} from './kern/subr_mbuf.ts';
export {
  m_copym,
  m_copypacket,
  m_copydata,
  m_copyback,
  m_copy_pkthdr,
  m_adj,
  m_pullup,
  m_prepend,
  M_PREPEND,
  m_cat,
  m_split,
  m_dup,
  m_length,
  max_protohdr,
} from './kern/uipc_mbuf.ts';

// Copying between kernel and user memory (kern/kern_subr.c, sys/uio.h).
export {
  uiomove,
  uiomove_stats,
  uio_user,
  uio_sys,
  UIO_READ,
  UIO_WRITE,
  UIO_USERSPACE,
  UIO_SYSSPACE,
  type uio,
  type iovec,
  type UioThread,
  type UiomoveStats,
} from './kern/kern_subr.ts';

// Userland views (usr.bin/netstat).
export { netstat_m } from './usr.bin/netstat/mbuf.ts';

// sysctl types and flags (sys/sysctl.h).
export { CTLTYPE_NODE, CTLTYPE_INT, CTLTYPE_STRING, CTLTYPE_ULONG, CTLFLAG_RD, CTLFLAG_WR, CTLFLAG_RW } from './sys/sysctl.ts';

// Virtual time and the machines (sim/): one Simulation per run, a CPU with a
// cost model per machine, wires between interfaces.
export { Simulation, sim_of, SIM_MAX_EVENTS_PER_NS, type SimEvent } from './sim/clock.ts';
export {
  Cpu,
  cpu_of,
  cpu_charge,
  cpu_run,
  cpu_wait,
  cpu_snapshot,
  cpu_usage,
  machine_costs,
  CPU_CATEGORIES,
  type CpuCategory,
  type CpuTimes,
  type CpuSnapshot,
  type CpuUsage,
} from './sim/cpu.ts';
export {
  MACHINE_CLASSES,
  DEFAULT_MACHINE_CLASS,
  copy_ns,
  cksum_ns,
  page_copy_ns,
  cow_fault_ns,
  zero_fill_fault_ns,
  type CostModel,
  type MachineClassName,
} from './sim/cost_model.ts';
export { PCI_BOARDS, type PciBoard, type MachineOptions } from './sim/hardware.ts';
export {
  Wire,
  WireEnd,
  wire_fcs_ok,
  wire_frame_bytes,
  WIRE_OVERHEAD_BYTES,
  WIRE_MIN_FRAME_BYTES,
  WIRE_MAX_FRAME_BYTES,
  WIRE_DEFAULT_RATE_BPS,
  ETHER_PREAMBLE_SFD_LEN,
  ETHER_IFG_LEN,
  type WireOptions,
  type WireFrame,
  type WirePort,
  type WireStats,
} from './sim/wire.ts';

// Kernel time: clock ticks, time of day, callouts (kern_clock, kern_tc, kern_timeout).
export { HZ, hz, tick_ns, ticks, tvtohz_ns } from './kern/kern_clock.ts';
export {
  nanouptime,
  microuptime,
  getnanouptime,
  getmicrouptime,
  nanotime,
  microtime,
  getmicrotime,
  uptime_ns,
  BOOTTIME_SEC,
  type timespec,
  type timeval,
} from './kern/kern_tc.ts';
export {
  callout,
  callout_reset,
  callout_stop,
  callout_active,
  callout_pending,
  callout_deactivate,
  CALLOUT_ACTIVE,
  CALLOUT_PENDING,
  CALLOUT_MPSAFE,
} from './kern/kern_timeout.ts';

// Network interfaces (net/): ifnet, Ethernet, software interrupts.
export {
  ifnet,
  ifqueue,
  IFQ_MAXLEN,
  IF_QFULL,
  IF_DROP,
  IF_ENQUEUE,
  IF_PREPEND,
  IF_DEQUEUE,
  IF_DRAIN,
  type ifreq,
  type ether_dst,
  type if_output_t,
  type if_input_t,
  type if_start_t,
  type if_ioctl_t,
} from './net/if_var.ts';
export {
  if_attach,
  ifunit,
  ifnet_list,
  ifreq_for,
  if_up,
  if_down,
  ifioctl,
  IF_HANDOFF,
  IFF_UP,
  IFF_BROADCAST,
  IFF_DEBUG,
  IFF_LOOPBACK,
  IFF_POINTOPOINT,
  IFF_RUNNING,
  IFF_NOARP,
  IFF_PROMISC,
  IFF_ALLMULTI,
  IFF_OACTIVE,
  IFF_SIMPLEX,
  IFF_MULTICAST,
  IF_MINMTU,
  IF_MAXMTU,
  IFT_ETHER,
  SIOCSIFFLAGS,
  SIOCGIFFLAGS,
  SIOCSIFMTU,
  SIOCGIFMTU,
  SIOCGIFMETRIC,
  SIOCSIFMETRIC,
} from './net/if.ts';
export {
  ETHER_ADDR_LEN,
  ETHER_TYPE_LEN,
  ETHER_CRC_LEN,
  ETHER_HDR_LEN,
  ETHER_MIN_LEN,
  ETHER_MAX_LEN,
  ETHERMTU,
  ETHERMIN,
  ETHERMTU_JUMBO,
  ETHER_MAX_LEN_JUMBO,
  ETHERTYPE_IP,
  ETHERTYPE_ARP,
  ETHERTYPE_IPV6,
  ETHERTYPE_VLAN,
  ETHERTYPE_LOOPBACK,
  etherbroadcastaddr,
  ether_header_get,
  ether_header_put,
  ether_sprintf,
  ETHER_IS_MULTICAST,
  type ether_header,
} from './net/ethernet.ts';
export { ether_ifattach, ether_output, ether_output_frame, ether_input, ether_demux, ether_link_peer, ether_crc32_le } from './net/if_ethersubr.ts';
export { netisr_register, netisr_unregister, netisr_dispatch, netisr_queue_stats, NETISR_IP, NETISR_ARP, NETISR_IPV6, type netisr_t } from './net/netisr.ts';
export { _IO, _IOR, _IOW, _IOWR } from './sys/ioccom.ts';

// Network drivers (dev/): em(4), simulated.
export { em_softc_of, em_init, em_stop, EM_RXD, EM_TXD, EM_MAX_MTU, type em_softc, type em_hw_stats } from './dev/em/if_em.ts';

// Userland network views (netstat -i, ifconfig).
export { netstat_i, type NetstatIfOptions } from './usr.bin/netstat/if.ts';
export { ifconfig } from './sbin/ifconfig/ifconfig.ts';
