import test from 'ava';
import { boot, GENERIC, MCLBYTES, MCLSHIFT, MHLEN, MINCLSIZE, MLEN, MSIZE, M_MAXCOMPRESS, mbuf_geometry, PAGE_MASK, PAGE_SIZE, EXT_CLUSTER, EXT_SFBUF, EXT_NET_DRV, EXT_MOD_TYPE, EXT_DISPOSABLE } from 'zcsim';

test('param.h defaults: 4 KB pages, 256-byte mbufs, 2 KB clusters', (t) => {
  t.is(PAGE_SIZE, 4096);
  t.is(PAGE_MASK, 4095);
  t.is(MSIZE, 256);
  t.is(MCLSHIFT, 11);
  t.is(MCLBYTES, 2048);
});

test('mbuf.h geometry on i386 5.0: MLEN = MSIZE - 20, MHLEN = MLEN - 44', (t) => {
  t.is(MLEN, 236);
  t.is(MHLEN, 192);
  t.is(MINCLSIZE, 193);
  t.is(M_MAXCOMPRESS, 96);
});

test('external buffer types keep their 2002 numbers', (t) => {
  t.deepEqual([EXT_CLUSTER, EXT_SFBUF, EXT_NET_DRV, EXT_MOD_TYPE, EXT_DISPOSABLE], [1, 2, 100, 200, 300]);
});

test('mbuf_geometry derives sizes from MSIZE and MCLSHIFT', (t) => {
  t.deepEqual(mbuf_geometry(512, 12), {
    MSIZE: 512,
    MCLSHIFT: 12,
    MCLBYTES: 4096,
    MLEN: 492,
    MHLEN: 448,
    MINCLSIZE: 449,
    M_MAXCOMPRESS: 224,
  });
});

test('options MSIZE=512 and MCLSHIFT=12 give a kernel 4 KB clusters and larger mbufs', (t) => {
  const kernel = boot(`${GENERIC}options MSIZE=512\noptions MCLSHIFT=12\n`);
  t.is(kernel.param.MCLBYTES, 4096);
  t.is(kernel.param.MSIZE, 512);
  t.is(kernel.param.MLEN, 492);
  t.is(kernel.param.MHLEN, 448);
  t.is(kernel.param.MINCLSIZE, 449);
});

test('GENERIC has the default mbuf geometry', (t) => {
  const { MSIZE: ms, MCLBYTES: mcl, MLEN: ml, MHLEN: mh } = boot().param;
  t.deepEqual([ms, mcl, ml, mh], [256, 2048, 236, 192]);
});
