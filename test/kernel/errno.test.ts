import test from 'ava';
import {
  E2BIG, EAGAIN, EINVAL, EISDIR, ELAST, ENOATTR, ENOBUFS, ENOENT, ENOTCONN, ENOTSUP, EOPNOTSUPP, EPERM,
  ECONNRESET, EWOULDBLOCK, EADDRINUSE, ETIMEDOUT, EFAULT, errno_name, strerror, SyscallError,
} from 'zcsim';

test('errno values are FreeBSD 5.0 numbers, not Linux ones', (t) => {
  const expected: Record<string, [number, number]> = {
    EPERM: [EPERM, 1],
    ENOENT: [ENOENT, 2],
    E2BIG: [E2BIG, 7],
    EFAULT: [EFAULT, 14],
    EISDIR: [EISDIR, 21],
    EINVAL: [EINVAL, 22],
    EAGAIN: [EAGAIN, 35],
    EOPNOTSUPP: [EOPNOTSUPP, 45],
    EADDRINUSE: [EADDRINUSE, 48],
    ECONNRESET: [ECONNRESET, 54],
    ENOBUFS: [ENOBUFS, 55],
    ENOTCONN: [ENOTCONN, 57],
    ETIMEDOUT: [ETIMEDOUT, 60],
    ENOATTR: [ENOATTR, 87],
  };
  for (const [name, [actual, want]] of Object.entries(expected)) t.is(actual, want, name);
});

test('errno.h aliases share their numbers and ELAST is the last errno of 5.0', (t) => {
  t.is(EWOULDBLOCK, EAGAIN);
  t.is(ENOTSUP, EOPNOTSUPP);
  t.is(ELAST, 87);
  t.is(errno_name(ELAST + 1), undefined);
});

test('strerror prints the texts of FreeBSD libc', (t) => {
  t.is(strerror(EPERM), 'Operation not permitted');
  t.is(strerror(ENOENT), 'No such file or directory');
  t.is(strerror(EINVAL), 'Invalid argument');
  t.is(strerror(ENOBUFS), 'No buffer space available');
  t.is(strerror(EAGAIN), 'Resource temporarily unavailable');
  t.is(strerror(ENOTCONN), 'Socket is not connected');
  t.is(strerror(999), 'Unknown error: 999');
});

test('errno_name maps every value 1..ELAST to a distinct symbol', (t) => {
  const names = new Set<string>();
  for (let e = 1; e <= ELAST; e++) {
    const name = errno_name(e);
    t.truthy(name, `errno ${e}`);
    names.add(name ?? '');
  }
  t.is(names.size, ELAST);
  t.is(errno_name(55), 'ENOBUFS');
});

test('SyscallError names the call, its arguments, the errno symbol and strerror text', (t) => {
  const e = new SyscallError(ENOENT, 'sysctl', ['kern.ipc.zero_copy.sned']);
  t.is(e.message, 'sysctl("kern.ipc.zero_copy.sned"): ENOENT (No such file or directory)');
  t.is(e.errno, 2);
  t.is(e.code, 'ENOENT');
  t.is(e.syscall, 'sysctl');
  t.true(e instanceof Error);
  t.throws(() => new SyscallError(0, 'x'), { instanceOf: RangeError });
});
