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
