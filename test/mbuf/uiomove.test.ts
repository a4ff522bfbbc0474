import test from 'ava';
import { EFAULT, SyscallError, UIO_READ, UIO_USERSPACE, UIO_WRITE, uio_sys, uio_user, uiomove, uiomove_stats, type UioThread } from 'zcsim';
import { kernel_with, pattern } from './helpers.ts';

// A user address space of one mapped region [base, base + bytes.length);
// anything else faults, as copyin/copyout do.
function fake_thread(base: number, bytes: Uint8Array): UioThread {
  const check = (uaddr: number, len: number): void => {
    if (uaddr < base || uaddr + len > base + bytes.length) throw new SyscallError(EFAULT, 'copyin', [uaddr, len]);
  };
  return {
    copyin(uaddr, kaddr, len) {
      check(uaddr, len);
      kaddr.set(bytes.subarray(uaddr - base, uaddr - base + len));
    },
    copyout(kaddr, uaddr, len) {
      check(uaddr, len);
      bytes.set(kaddr.subarray(0, len), uaddr - base);
    },
  };
}

test('uiomove with UIO_READ copies out to user memory across iovecs and advances the uio', (t) => {
  const kernel = kernel_with();
  const user = new Uint8Array(100);
  const uio = uio_user(fake_thread(0x1000, user), [
    { iov_base: 0x1000, iov_len: 10 },
    { iov_base: 0x1000, iov_len: 0 },
    { iov_base: 0x1040, iov_len: 20 },
  ], UIO_READ);
  t.is(uio.uio_resid, 30);
  t.is(uio.uio_segflg, UIO_USERSPACE);
  t.is(uiomove(kernel, pattern(25), 25, uio), 0);
  t.deepEqual(user.subarray(0, 10), pattern(25).subarray(0, 10));
  t.deepEqual(user.subarray(0x40, 0x40 + 15), pattern(25).subarray(10, 25));
  t.is(uio.uio_resid, 5);
  t.is(uio.uio_offset, 25);
  t.deepEqual(uio.uio_iov, [{ iov_base: 0x104f, iov_len: 5 }]);
  t.is(uio.uio_iovcnt, 1);
  t.deepEqual(uiomove_stats(kernel), { copyout_bytes: 25, copyin_bytes: 0, sysspace_bytes: 0 });
});

test('uiomove moves no more than uio_resid and counts copyin bytes for UIO_WRITE', (t) => {
  const kernel = kernel_with();
  const user = pattern(64, 5);
  const uio = uio_user(fake_thread(0x2000, user), [{ iov_base: 0x2000, iov_len: 64 }], UIO_WRITE);
  const kbuf = new Uint8Array(100);
  t.is(uiomove(kernel, kbuf, 100, uio), 0);
  t.deepEqual(kbuf.subarray(0, 64), user);
  t.is(uio.uio_resid, 0);
  t.is(uiomove_stats(kernel).copyin_bytes, 64);
});

test('uiomove returns EFAULT for an unmapped user address and leaves that iovec unconsumed', (t) => {
  const kernel = kernel_with();
  const user = new Uint8Array(16);
  const uio = uio_user(fake_thread(0x1000, user), [
    { iov_base: 0x1000, iov_len: 8 },
    { iov_base: 0xdead0000, iov_len: 8 },
  ], UIO_READ);
  t.is(uiomove(kernel, pattern(16), 16, uio), EFAULT);
  t.is(uio.uio_resid, 8);
  t.deepEqual(uio.uio_iov, [{ iov_base: 0xdead0000, iov_len: 8 }]);
  t.is(uiomove_stats(kernel).copyout_bytes, 8);
});

test('uiomove over UIO_SYSSPACE copies between kernel buffers and counts them apart', (t) => {
  const kernel = kernel_with();
  const dst = new Uint8Array(12);
  const uio = uio_sys([{ iov_base: dst.subarray(0, 4), iov_len: 4 }, { iov_base: dst.subarray(4), iov_len: 8 }], UIO_READ);
  t.is(uiomove(kernel, pattern(12), 12, uio), 0);
  t.deepEqual(dst, pattern(12));
  t.deepEqual(uiomove_stats(kernel), { copyout_bytes: 0, copyin_bytes: 0, sysspace_bytes: 12 });
});
