// FreeBSD errno numbers and their strerror(3) texts, as of 5.0-CURRENT (2002).
// Mirrors sys/sys/errno.h and lib/libc/gen/errlst.c.
//
// Use the constants (ENOBUFS, ENOTCONN, ...) wherever a system call fails; use
// strerror(errno) for the text libc prints and errno_name(errno) for the symbol.
// The numbers are FreeBSD's, which differ from Linux's above 34: ENOBUFS is 55
// here (105 on Linux), EAGAIN is 35 (11 on Linux).
//
// ELAST is ENOATTR (87): EDOOFUS (88) only arrived in 2003, after 5.0.

export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const ENOEXEC = 8;
export const EBADF = 9;
export const ECHILD = 10;
export const EDEADLK = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const ENOTBLK = 15;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENFILE = 23;
export const EMFILE = 24;
export const ENOTTY = 25;
export const ETXTBSY = 26;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EROFS = 30;
export const EMLINK = 31;
export const EPIPE = 32;
export const EDOM = 33;
export const ERANGE = 34;
export const EAGAIN = 35;
export const EINPROGRESS = 36;
export const EALREADY = 37;
export const ENOTSOCK = 38;
export const EDESTADDRREQ = 39;
export const EMSGSIZE = 40;
export const EPROTOTYPE = 41;
export const ENOPROTOOPT = 42;
export const EPROTONOSUPPORT = 43;
export const ESOCKTNOSUPPORT = 44;
export const EOPNOTSUPP = 45;
export const EPFNOSUPPORT = 46;
export const EAFNOSUPPORT = 47;
export const EADDRINUSE = 48;
export const EADDRNOTAVAIL = 49;
export const ENETDOWN = 50;
export const ENETUNREACH = 51;
export const ENETRESET = 52;
export const ECONNABORTED = 53;
export const ECONNRESET = 54;
export const ENOBUFS = 55;
export const EISCONN = 56;
export const ENOTCONN = 57;
export const ESHUTDOWN = 58;
export const ETOOMANYREFS = 59;
export const ETIMEDOUT = 60;
export const ECONNREFUSED = 61;
export const ELOOP = 62;
export const ENAMETOOLONG = 63;
export const EHOSTDOWN = 64;
export const EHOSTUNREACH = 65;
export const ENOTEMPTY = 66;
export const EPROCLIM = 67;
export const EUSERS = 68;
export const EDQUOT = 69;
export const ESTALE = 70;
export const EREMOTE = 71;
export const EBADRPC = 72;
export const ERPCMISMATCH = 73;
export const EPROGUNAVAIL = 74;
export const EPROGMISMATCH = 75;
export const EPROCUNAVAIL = 76;
export const ENOLCK = 77;
export const ENOSYS = 78;
export const EFTYPE = 79;
export const EAUTH = 80;
export const ENEEDAUTH = 81;
export const EIDRM = 82;
export const ENOMSG = 83;
export const EOVERFLOW = 84;
export const ECANCELED = 85;
export const EILSEQ = 86;
export const ENOATTR = 87;

// Aliases that errno.h defines with the same number.
export const EWOULDBLOCK = EAGAIN; // EAGAIN under its BSD name
export const ENOTSUP = EOPNOTSUPP; // EOPNOTSUPP under its POSIX name

export const ELAST = ENOATTR; // the highest errno number 5.0 defines

/** The symbolic name of every errno value (aliases excluded). */
export type ErrnoName =
  | 'EPERM'
  | 'ENOENT'
  | 'ESRCH'
  | 'EINTR'
  | 'EIO'
  | 'ENXIO'
  | 'E2BIG'
  | 'ENOEXEC'
  | 'EBADF'
  | 'ECHILD'
  | 'EDEADLK'
  | 'ENOMEM'
  | 'EACCES'
  | 'EFAULT'
  | 'ENOTBLK'
  | 'EBUSY'
  | 'EEXIST'
  | 'EXDEV'
  | 'ENODEV'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'EINVAL'
  | 'ENFILE'
  | 'EMFILE'
  | 'ENOTTY'
  | 'ETXTBSY'
  | 'EFBIG'
  | 'ENOSPC'
  | 'ESPIPE'
  | 'EROFS'
  | 'EMLINK'
  | 'EPIPE'
  | 'EDOM'
  | 'ERANGE'
  | 'EAGAIN'
  | 'EINPROGRESS'
  | 'EALREADY'
  | 'ENOTSOCK'
  | 'EDESTADDRREQ'
  | 'EMSGSIZE'
  | 'EPROTOTYPE'
  | 'ENOPROTOOPT'
  | 'EPROTONOSUPPORT'
  | 'ESOCKTNOSUPPORT'
  | 'EOPNOTSUPP'
  | 'EPFNOSUPPORT'
  | 'EAFNOSUPPORT'
  | 'EADDRINUSE'
  | 'EADDRNOTAVAIL'
  | 'ENETDOWN'
  | 'ENETUNREACH'
  | 'ENETRESET'
  | 'ECONNABORTED'
  | 'ECONNRESET'
  | 'ENOBUFS'
  | 'EISCONN'
  | 'ENOTCONN'
  | 'ESHUTDOWN'
  | 'ETOOMANYREFS'
  | 'ETIMEDOUT'
  | 'ECONNREFUSED'
  | 'ELOOP'
  | 'ENAMETOOLONG'
  | 'EHOSTDOWN'
  | 'EHOSTUNREACH'
  | 'ENOTEMPTY'
  | 'EPROCLIM'
  | 'EUSERS'
  | 'EDQUOT'
  | 'ESTALE'
  | 'EREMOTE'
  | 'EBADRPC'
  | 'ERPCMISMATCH'
  | 'EPROGUNAVAIL'
  | 'EPROGMISMATCH'
  | 'EPROCUNAVAIL'
  | 'ENOLCK'
  | 'ENOSYS'
  | 'EFTYPE'
  | 'EAUTH'
  | 'ENEEDAUTH'
  | 'EIDRM'
  | 'ENOMSG'
  | 'EOVERFLOW'
  | 'ECANCELED'
  | 'EILSEQ'
  | 'ENOATTR';

interface ErrnoEntry {
  readonly name: ErrnoName; // symbol from errno.h
  readonly text: string; // message from libc's sys_errlist[]
}

// Indexed by errno value; index 0 is "no error" and has no entry.
const errlist: readonly (ErrnoEntry | undefined)[] = [
  undefined,
  { name: 'EPERM', text: 'Operation not permitted' }, // 1
  { name: 'ENOENT', text: 'No such file or directory' }, // 2
  { name: 'ESRCH', text: 'No such process' }, // 3
  { name: 'EINTR', text: 'Interrupted system call' }, // 4
  { name: 'EIO', text: 'Input/output error' }, // 5
  { name: 'ENXIO', text: 'Device not configured' }, // 6
  { name: 'E2BIG', text: 'Argument list too long' }, // 7
  { name: 'ENOEXEC', text: 'Exec format error' }, // 8
  { name: 'EBADF', text: 'Bad file descriptor' }, // 9
  { name: 'ECHILD', text: 'No child processes' }, // 10
  { name: 'EDEADLK', text: 'Resource deadlock avoided' }, // 11
  { name: 'ENOMEM', text: 'Cannot allocate memory' }, // 12
  { name: 'EACCES', text: 'Permission denied' }, // 13
  { name: 'EFAULT', text: 'Bad address' }, // 14
  { name: 'ENOTBLK', text: 'Block device required' }, // 15
  { name: 'EBUSY', text: 'Device busy' }, // 16
  { name: 'EEXIST', text: 'File exists' }, // 17
  { name: 'EXDEV', text: 'Cross-device link' }, // 18
  { name: 'ENODEV', text: 'Operation not supported by device' }, // 19
  { name: 'ENOTDIR', text: 'Not a directory' }, // 20
  { name: 'EISDIR', text: 'Is a directory' }, // 21
  { name: 'EINVAL', text: 'Invalid argument' }, // 22
  { name: 'ENFILE', text: 'Too many open files in system' }, // 23
  { name: 'EMFILE', text: 'Too many open files' }, // 24
  { name: 'ENOTTY', text: 'Inappropriate ioctl for device' }, // 25
  { name: 'ETXTBSY', text: 'Text file busy' }, // 26
  { name: 'EFBIG', text: 'File too large' }, // 27
  { name: 'ENOSPC', text: 'No space left on device' }, // 28
  { name: 'ESPIPE', text: 'Illegal seek' }, // 29
  { name: 'EROFS', text: 'Read-only file system' }, // 30
  { name: 'EMLINK', text: 'Too many links' }, // 31
  { name: 'EPIPE', text: 'Broken pipe' }, // 32
  { name: 'EDOM', text: 'Numerical argument out of domain' }, // 33
  { name: 'ERANGE', text: 'Result too large' }, // 34
  { name: 'EAGAIN', text: 'Resource temporarily unavailable' }, // 35
  { name: 'EINPROGRESS', text: 'Operation now in progress' }, // 36
  { name: 'EALREADY', text: 'Operation already in progress' }, // 37
  { name: 'ENOTSOCK', text: 'Socket operation on non-socket' }, // 38
  { name: 'EDESTADDRREQ', text: 'Destination address required' }, // 39
  { name: 'EMSGSIZE', text: 'Message too long' }, // 40
  { name: 'EPROTOTYPE', text: 'Protocol wrong type for socket' }, // 41
  { name: 'ENOPROTOOPT', text: 'Protocol not available' }, // 42
  { name: 'EPROTONOSUPPORT', text: 'Protocol not supported' }, // 43
  { name: 'ESOCKTNOSUPPORT', text: 'Socket type not supported' }, // 44
  { name: 'EOPNOTSUPP', text: 'Operation not supported' }, // 45
  { name: 'EPFNOSUPPORT', text: 'Protocol family not supported' }, // 46
  { name: 'EAFNOSUPPORT', text: 'Address family not supported by protocol family' }, // 47
  { name: 'EADDRINUSE', text: 'Address already in use' }, // 48
  { name: 'EADDRNOTAVAIL', text: 'Can\'t assign requested address' }, // 49
  { name: 'ENETDOWN', text: 'Network is down' }, // 50
  { name: 'ENETUNREACH', text: 'Network is unreachable' }, // 51
  { name: 'ENETRESET', text: 'Network dropped connection on reset' }, // 52
  { name: 'ECONNABORTED', text: 'Software caused connection abort' }, // 53
  { name: 'ECONNRESET', text: 'Connection reset by peer' }, // 54
  { name: 'ENOBUFS', text: 'No buffer space available' }, // 55
  { name: 'EISCONN', text: 'Socket is already connected' }, // 56
  { name: 'ENOTCONN', text: 'Socket is not connected' }, // 57
  { name: 'ESHUTDOWN', text: 'Can\'t send after socket shutdown' }, // 58
  { name: 'ETOOMANYREFS', text: 'Too many references: can\'t splice' }, // 59
  { name: 'ETIMEDOUT', text: 'Operation timed out' }, // 60
  { name: 'ECONNREFUSED', text: 'Connection refused' }, // 61
  { name: 'ELOOP', text: 'Too many levels of symbolic links' }, // 62
  { name: 'ENAMETOOLONG', text: 'File name too long' }, // 63
  { name: 'EHOSTDOWN', text: 'Host is down' }, // 64
  { name: 'EHOSTUNREACH', text: 'No route to host' }, // 65
  { name: 'ENOTEMPTY', text: 'Directory not empty' }, // 66
  { name: 'EPROCLIM', text: 'Too many processes' }, // 67
  { name: 'EUSERS', text: 'Too many users' }, // 68
  { name: 'EDQUOT', text: 'Disc quota exceeded' }, // 69
  { name: 'ESTALE', text: 'Stale NFS file handle' }, // 70
  { name: 'EREMOTE', text: 'Too many levels of remote in path' }, // 71
  { name: 'EBADRPC', text: 'RPC struct is bad' }, // 72
  { name: 'ERPCMISMATCH', text: 'RPC version wrong' }, // 73
  { name: 'EPROGUNAVAIL', text: 'RPC prog. not avail' }, // 74
  { name: 'EPROGMISMATCH', text: 'Program version wrong' }, // 75
  { name: 'EPROCUNAVAIL', text: 'Bad procedure for program' }, // 76
  { name: 'ENOLCK', text: 'No locks available' }, // 77
  { name: 'ENOSYS', text: 'Function not implemented' }, // 78
  { name: 'EFTYPE', text: 'Inappropriate file type or format' }, // 79
  { name: 'EAUTH', text: 'Authentication error' }, // 80
  { name: 'ENEEDAUTH', text: 'Need authenticator' }, // 81
  { name: 'EIDRM', text: 'Identifier removed' }, // 82
  { name: 'ENOMSG', text: 'No message of desired type' }, // 83
  { name: 'EOVERFLOW', text: 'Value too large to be stored in data type' }, // 84
  { name: 'ECANCELED', text: 'Operation canceled' }, // 85
  { name: 'EILSEQ', text: 'Illegal byte sequence' }, // 86
  { name: 'ENOATTR', text: 'Attribute not found' }, // 87
];

/** strerror(3): the message libc prints for `errno`, or "Unknown error: N". */
export function strerror(errno: number): string {
  if (errno === 0) return 'Undefined error: 0';
  const entry = errlist[errno];
  return entry === undefined ? `Unknown error: ${errno}` : entry.text;
}

/** The errno.h symbol for `errno` (e.g. 55 -> 'ENOBUFS'), or undefined if none. */
export function errno_name(errno: number): ErrnoName | undefined {
  return errlist[errno]?.name;
}
