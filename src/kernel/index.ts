// zcsim: a simulated FreeBSD 5.0-CURRENT (2002) kernel for i386.
// This is the package's whole public interface; everything else is internal.
//
//   import { boot, GENERIC } from 'zcsim';
//   const kernel = boot(GENERIC + 'options ZERO_COPY_SOCKETS\n');
//   kernel.sysctl('kern.ipc.zero_copy.send');   // 1

export { boot, Kernel, type BootOptions } from './kern/init_main.ts';
export type { SysctlValue, SysctlOid } from './kern/kern_sysctl.ts';
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
  CSUM_IP,
  CSUM_TCP,
  CSUM_UDP,
  CSUM_IP_FRAGS,
  CSUM_FRAGMENT,
  CSUM_IP_CHECKED,
  CSUM_IP_VALID,
  CSUM_DATA_VALID,
  CSUM_PSEUDO_HDR,
  CSUM_DELAY_DATA,
  CSUM_DELAY_IP,
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

// Virtual time and the machines (engine/, hardware/, kern/kern_machine.ts): one
// Simulation per run, a CPU with a cost model per machine, wires between interfaces.
export { Simulation, SimKey, SIM_MAX_EVENTS_PER_NS, type SimEvent } from './engine/simulation.ts';
export {
  sim_of,
  sim_kernels,
  cpu_of,
  cpu_charge,
  cpu_run,
  cpu_wait,
  cpu_snapshot,
  machine_costs,
  pci_of,
} from './kern/kern_machine.ts';
export {
  Cpu,
  cpu_usage,
  CPU_CATEGORIES,
  type CpuCategory,
  type CpuTimes,
  type CpuSnapshot,
  type CpuUsage,
} from './engine/cpu.ts';
export {
  MACHINE_CLASSES,
  DEFAULT_MACHINE_CLASS,
  copy_ns,
  cksum_ns,
  page_copy_ns,
  cow_fault_ns,
  zero_fill_fault_ns,
  cost_model_with,
  PCI_DMA_EFFICIENCY,
  type CostModel,
  type CostOverrides,
  type CostParam,
  type MachineClassName,
} from './engine/cost_model.ts';
export { PCI_BOARDS, LOADER_TUNABLES, type PciBoard, type MachineOptions, type PciOptions, type BoardFault } from './kern/kern_machine.ts';
export { PciBus, pci_peak_bytes_per_s, PCI_FIRST_NIC_SLOT, type PciBusSpec, type PciDmaDirection, type PciStats } from './hardware/pci.ts';
export { contigmalloc, contigfree, contig_pages } from './vm/vm_contig.ts';
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
} from './hardware/wire.ts';
export { wire_connect } from './net/if_wire.ts';

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
  SIOCSIFCAP,
  SIOCGIFCAP,
  IFCAP_RXCSUM,
  IFCAP_TXCSUM,
  IFCAP_NETCONS,
  IFCAP_VLAN_MTU,
  IFCAP_VLAN_HWTAGGING,
  IFCAP_JUMBO_MTU,
  IFCAP_HWCSUM,
  IFCAPBITS,
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

// Processes in virtual time (kern/kern_synch.c, kern/sched_run.ts): blocking
// system calls sleep with tsleep; sched_run drives processes and events.
export { proc_table, ProcTable, type ProcBody, type SpawnOptions } from './kern/kern_proc.ts';
export { Proc } from './sys/proc.ts';

// Process memory: mmap(2)'s constants, signals, wait statuses, /proc/<pid>/map,
// the VM's counters and the kernel's copyin/copyout (sys/mman.h, sys/signal.h,
// sys/wait.h, fs/procfs, vm/, i386/i386/support.s).
export {
  PROT_NONE, PROT_READ, PROT_WRITE, PROT_EXEC, MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANON, MAP_STACK, MAP_INHERIT,
  MAP_HASSEMAPHORE, MAP_NOSYNC, MAP_NOCORE, MAP_FAILED, INHERIT_SHARE, INHERIT_COPY, INHERIT_NONE,
} from './sys/mman.ts';
export {
  SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGABRT, SIGFPE, SIGKILL, SIGBUS, SIGSEGV, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD,
  SIGUSR1, SIGUSR2, signal_name, strsignal,
} from './sys/signal.ts';
export { W_EXITCODE, WIFEXITED, WEXITSTATUS, WIFSIGNALED, WTERMSIG, WCOREDUMP } from './sys/wait.ts';
export { WNOHANG, type WaitResult } from './kern/kern_exit.ts';
export { procfs_domap } from './fs/procfs/procfs_map.ts';
export { vm_sys, VmSystem, type VmWork } from './vm/vm_init.ts';
export { copyin, copyout, copyinstr, useracc, uio_thread } from './i386/i386/support.ts';
export { tsleep, wakeup, wakeup_one, cpu_catchup, proc_kernel, sleeping, type sleeper } from './kern/kern_synch.ts';
export { sched_run, SchedDeadlock, SETTLE_TURNS, fmt_s, type SchedRunOptions, type SchedResult, type BlockedProc } from './kern/sched_run.ts';

// Sockets (sys/socket.h, kern/uipc_*.c) and their system calls.
export {
  SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, AF_UNSPEC, AF_LOCAL, AF_INET, PF_INET, SOL_SOCKET, SOMAXCONN,
  SO_DEBUG, SO_ACCEPTCONN, SO_REUSEADDR, SO_KEEPALIVE, SO_DONTROUTE, SO_BROADCAST, SO_USELOOPBACK, SO_LINGER, SO_OOBINLINE,
  SO_REUSEPORT, SO_SNDBUF, SO_RCVBUF, SO_SNDLOWAT, SO_RCVLOWAT, SO_SNDTIMEO, SO_RCVTIMEO, SO_ERROR, SO_TYPE,
  MSG_OOB, MSG_PEEK, MSG_DONTROUTE, MSG_EOR, MSG_TRUNC, MSG_CTRUNC, MSG_WAITALL, MSG_DONTWAIT, MSG_EOF,
  SHUT_RD, SHUT_WR, SHUT_RDWR, type linger,
} from './sys/socket.ts';
export { socket as socket_t, sockbuf, sbspace, SS_ISCONNECTED, SS_ISCONNECTING, SS_ISDISCONNECTING, SS_CANTSENDMORE, SS_CANTRCVMORE, SS_NOFDREF } from './sys/socketvar.ts';
export { socreate, sosend, soreceive, soclose, so_count } from './kern/uipc_socket.ts';
export { sb_max, SB_MAX, sbappendstream, sbdrop } from './kern/uipc_socket2.ts';
export {
  socket, bind, listen, accept, connect, read, write, send, recv, shutdown, close, setsockopt, getsockopt, getsockname, getpeername,
} from './kern/uipc_syscalls.ts';

// IPv4 and TCP (netinet/).
export { sockaddr_in, inet_addr, inet_ntoa, INADDR_ANY, INADDR_LOOPBACK, IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP } from './netinet/in.ts';
export { in_ifaddr_add, in_ifaddrhead, type in_ifaddr } from './netinet/in_var.ts';
export { ip_state, ipstat } from './netinet/ip_var.ts';
export { IP_HDR_LEN, IPDEFTTL } from './netinet/ip.ts';
export { TCP_NODELAY, TCP_MAXSEG, TCP_NOPUSH, TCP_NOOPT, TCP_HDR_LEN, TCPOLEN_TSTAMP_APPA, TCP_MSS, TCP_MAXWIN } from './netinet/tcp.ts';
export { tcp_state, tcp_tun, tcpstat, tcpcb, intotcpcb } from './netinet/tcp_var.ts';
export { tcpstates, TCPS_CLOSED, TCPS_LISTEN, TCPS_SYN_SENT, TCPS_SYN_RECEIVED, TCPS_ESTABLISHED, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1, TCPS_CLOSING, TCPS_LAST_ACK, TCPS_FIN_WAIT_2, TCPS_TIME_WAIT } from './netinet/tcp_fsm.ts';
export { tcbinfo } from './netinet/tcp_subr.ts';
export { in_pcb_sockets, type inpcb } from './netinet/in_pcb.ts';
export { netstat_s_tcp, netstat_s_ip } from './usr.bin/netstat/inet.ts';

// jumbo(9): page-sized disposable buffers for the jumbo receive ring (kern/uipc_jumbo.c, sys/jumbo.h).
export {
  JUMBO_MAX_PAGES, jumbo_basekva, jumbo_vm_init, jumbo_pg_alloc, jumbo_pg_free, jumbo_freem, jumbo_pg_steal, jumbo_phys_to_kva,
  jumbo_kva_to_page, jumbo_buf_to_page, jumbo_is_pool_page, jumbo_stats, type jumbo_state,
} from './sys/jumbo.ts';

// Character devices, open(2) and ioctl(2) (kern/kern_conf.c, vfs_syscalls.c, sys_generic.c).
export { make_dev, destroy_dev, devfs_lookup, devfs_list, devfs_chmod, minor, cdev, UID_ROOT, GID_WHEEL, GID_OPERATOR, type cdevsw } from './kern/kern_conf.ts';
export { open, devfs_access } from './kern/vfs_syscalls.ts';
export { ioctl, IOCPARM_LEN, IOCPARM_MAX } from './kern/sys_generic.ts';
export { O_RDONLY, O_WRONLY, O_RDWR, O_ACCMODE, FFLAGS } from './sys/fcntl.ts';
export { IOCPARM_MASK, IOC_VOID, IOC_OUT, IOC_IN, IOC_INOUT, _IOC } from './sys/ioccom.ts';

// Interface media (net/if_media.h).
export {
  IFM_ETHER, IFM_AUTO, IFM_MANUAL, IFM_NONE, IFM_10_T, IFM_10_2, IFM_10_5, IFM_100_TX, IFM_100_FX, IFM_100_T4, IFM_100_VG, IFM_100_T2,
  IFM_1000_SX, IFM_10_STP, IFM_10_FL, IFM_1000_LX, IFM_1000_CX, IFM_1000_TX, IFM_1000_T, IFM_FDX, IFM_HDX, IFM_NMASK, IFM_TMASK,
  IFM_IMASK, IFM_OMASK, IFM_GMASK, IFM_AVALID, IFM_ACTIVE, IFM_TYPE, IFM_SUBTYPE, IFM_OPTIONS, SIOCSIFMEDIA, SIOCGIFMEDIA, SIZEOF_IFMEDIAREQ,
  ifmedia, ifmedia_init, ifmedia_add, ifmedia_set, ifmedia_ioctl, ifmedia_print, ifmedia_subtype_name, type ifmediareq, type ifmedia_entry,
} from './net/if_media.ts';

// ti(4): the Alteon Tigon driver, its board and its character device (sys/pci/if_ti.c, if_tireg.h, sys/tiio.h).
export {
  SIZEOF_TI_STATS, SIZEOF_TI_PARAMS, SIZEOF_TI_TRACE_TYPE, SIZEOF_TI_TRACE_BUF, SIZEOF_TG_MEM, SIZEOF_TG_REG,
  TI_PARAM_NONE, TI_PARAM_STAT_TICKS, TI_PARAM_RX_COAL_TICKS, TI_PARAM_TX_COAL_TICKS, TI_PARAM_RX_COAL_BDS, TI_PARAM_TX_COAL_BDS,
  TI_PARAM_TX_BUF_RATIO, TI_PARAM_ALL,
  TI_TRACE_TYPE_NONE, TI_TRACE_TYPE_SEND, TI_TRACE_TYPE_RECV, TI_TRACE_TYPE_DMA, TI_TRACE_TYPE_EVENT, TI_TRACE_TYPE_COMMAND,
  TI_TRACE_TYPE_MAC, TI_TRACE_TYPE_STATS, TI_TRACE_TYPE_TIMER, TI_TRACE_TYPE_DISP, TI_TRACE_TYPE_MAILBOX, TI_TRACE_TYPE_RECV_BD,
  TI_TRACE_TYPE_LNK_PHY, TI_TRACE_TYPE_LNK_NEG, TI_TRACE_LEVEL_1, TI_TRACE_LEVEL_2,
  TIIOCGETSTATS, TIIOCGETPARAMS, TIIOCSETPARAMS, TIIOCSETTRACE, TIIOCGETTRACE,
  ALT_ATTACH, ALT_READ_TG_MEM, ALT_WRITE_TG_MEM, ALT_READ_TG_REG, ALT_WRITE_TG_REG,
  TI_STATS_FIELDS, ti_stats_zero, ti_stat, ti_stats_encode, ti_stats_decode, ti_params_encode, ti_params_decode,
  ti_trace_buf_encode, ti_trace_buf_decode, tg_mem_encode, tg_mem_decode, tg_reg_encode, tg_reg_decode, ti_trace_type_encode,
  type ti_stats, type ti_params, type ti_trace_buf, type tg_mem, type tg_reg,
} from './sys/tiio.ts';
export * as if_tireg from './dev/ti/if_tireg.ts';
export { ti_softc, type ti_jumbo_variant, type ti_ring, type ti_rx_return } from './dev/ti/if_tivar.ts';
export {
  ti_softc_of, ti_lookup_softc, ti_init, ti_stop, ti_start, ti_intr, ti_rxeof, ti_txeof, ti_watchdog, ti_newbuf_std, ti_newbuf_mini,
  ti_newbuf_jumbo, ti_hdr_split, ti_ifmedia_upd, ti_ifmedia_sts, ti_ring_usage,
  TI_DEFAULT_STAT_TICKS, TI_DEFAULT_RX_COAL_TICKS, TI_DEFAULT_TX_COAL_TICKS, TI_DEFAULT_RX_MAX_COAL_BDS, TI_DEFAULT_TX_MAX_COAL_BDS,
  TI_DEFAULT_TX_BUF_RATIO,
} from './dev/ti/if_ti.ts';
export { NPAYLOAD, HDR_LEN, ti_jpool_inuse, ti_jumbo_trim } from './dev/ti/ti_jumbo.ts';
export { ti_copy_mem, ti_copy_scratch } from './dev/ti/ti_cdev.ts';
export {
  CSR_READ_4, CSR_WRITE_4, ti_fw_hdr_len, ti_nic_stats_sync, ti_nic_tx_hung, TI_SIM_TRACE_START, TI_SIM_TRACE_LEN, TI_SIM_TRACE_ENTRY_BYTES,
  TI_FLOWCTL_LOWAT_BDS, TI_FLOWCTL_HIWAT_BDS,
} from './dev/ti/ti_nic.ts';

// Zero copy sockets (options ZERO_COPY_SOCKETS, zero_copy(9)): the COW send
// path (kern/uipc_cow.c), the page flip receive path (kern/kern_subr.c) and
// zcsim's record of why each piece of data was copied (kern/zc_trace.ts).
export { so_zero_copy_send, so_zero_copy_receive } from './kern/uipc_socket.ts';
export {
  socow_setup, socow_iodone, socow_stats, so_zerocp_stats, socow_pages_on_loan, sosend_cow, sf_buf_wait, SOCOW_SF_BUF_WAIT,
  type netsend_cow_stats, type so_zerocopy_stats,
} from './kern/uipc_cow.ts';
export { uiomoveco, userspaceco, vm_pgmoveco, soreceive_zc_source, type ZcSource } from './kern/kern_subr.ts';
export {
  zc_trace, zc_counters, zc_entries, zc_reason_text, zc_entry_text, ZC_TRACE_MAX_ENTRIES,
  type ZcReason, type ZcAction, type ZcChunk, type ZcEntry, type ZcCounters,
} from './kern/zc_trace.ts';

// Two machines on one wire (lab/machine_pair.ts), and netperf(1)/netserver(1) of netperf 2.2 (usr.bin/netperf/).
export { machine_pair, PAIR_ADDR_A, PAIR_ADDR_B, type MachinePair, type MachinePairOptions } from './lab/machine_pair.ts';
export { netperf_main } from './usr.bin/netperf/netperf.ts';
export { netserver_main, type NetserverOptions } from './usr.bin/netperf/netserver.ts';
export { netperf_args, convert as netperf_convert, NETPERF_PORT, NETPERF_USAGE, type NetperfArgs, type NetperfArgsResult } from './usr.bin/netperf/netsh.ts';
export { tcp_stream_table, create_data_socket, type NetperfResult } from './usr.bin/netperf/nettest_bsd.ts';
export { calc_service_demand_us_per_kb, calc_thruput_units } from './usr.bin/netperf/netlib.ts';
export { netperf_gethostbyname } from './usr.bin/netperf/hosts.ts';
export { netperf_pair, type NetperfPairOptions, type NetperfPairResult, type NetperfProgress, type NetperfPairZc, type NetperfAbortSignal } from './lab/netperf_pair.ts';

// Seeing the kernel: a snapshot of a machine's pages, socket buffers, rings
// and pools as plain data (kern/kern_snapshot.ts), the event log that records
// a run in virtual time with snapshots at its moments (kern/kern_eventlog.ts),
// and the boot hook through which a host finds every kernel a program boots.
export {
  kern_snapshot, mbuf_storage, SNAPSHOT_MAX_PAGES_PER_PROC, SNAPSHOT_MAX_MBUFS_PER_SOCKBUF,
  type MachineSnapshot, type ProcSnapshot, type PageSnapshot, type PageState, type PageMark, type PageMarkKind, type RegionSnapshot,
  type SocketSnapshot, type SockbufSnapshot, type MbufSnapshot, type MbufStorage, type NicSnapshot, type RingSnapshot, type JumboSnapshot,
  type SnapshotOptions,
} from './observe/snapshot.ts';
export {
  kev_record_start, kev_record_stop, kev_picture, kev_active, kev_capture, kev_text, kev_time_text, KEV_KINDS, KEV_ZC_KINDS,
  MAX_RESERVED_SNAPSHOTS, type EventLog,
  type KevKind, type KevEvent, type KevRun, type KevBuckets, type RunSnapshot, type KernelPicture, type EventLogOptions,
} from './observe/eventlog.ts';
export { eventhandler_register, eventhandler_deregister, type eventhandler_tag, type EventHandlers } from './kern/subr_eventhandler.ts';
