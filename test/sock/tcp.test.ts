// Sockets and TCP between two simulated machines: the handshake, data,
// close, and the errors FreeBSD returns.

import test from 'ava';
import {
  accept, AF_INET, bind, close, connect, getpeername, getsockname, getsockopt, inet_ntoa, intotcpcb, listen, read,
  SchedDeadlock, send, setsockopt, shutdown, SHUT_WR, SO_RCVBUF, SO_REUSEADDR, SO_SNDBUF, SOCK_DGRAM, SOCK_STREAM, sockaddr_in,
  socket, SOL_SOCKET, SyscallError, tcbinfo, tcp_state, tcpstates, write, IPPROTO_TCP, TCP_NODELAY, SO_LINGER, type Proc,
} from 'zcsim';
import { A, B, held, net, run, spawn } from './helpers.ts';

// A server on b:port that echoes everything back until EOF.
function echo_server(p: Proc, port: number): Promise<void> {
  return (async () => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', port));
    listen(p, s, 5);
    const c = await accept(p, s);
    const buf = p.malloc(8192);
    for (;;) {
      const n = await read(p, c, buf, 8192);
      if (n === 0) break;
      let off = 0;
      while (off < n) off += await write(p, c, buf + off, n - off);
    }
    close(p, c);
    close(p, s);
  })();
}

test('connect and accept complete the three-way handshake; getsockname and getpeername see both ends', async (t) => {
  const n = net();
  let server_saw = '';
  spawn(n.b, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 80));
    listen(p, s, 5);
    const from = { value: null as ReturnType<typeof sockaddr_in> | null };
    const c = await accept(p, s, from);
    server_saw = `${inet_ntoa(from.value!.sin_addr)}:${from.value!.sin_port}`;
    const me = getsockname(p, c);
    t.is(`${inet_ntoa(me.sin_addr)}:${me.sin_port}`, `${B}:80`);
    close(p, c);
    close(p, s);
  }, 'server');
  spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    t.is(s, 3);
    await connect(p, s, sockaddr_in(B, 80));
    const peer = getpeername(p, s);
    t.is(`${inet_ntoa(peer.sin_addr)}:${peer.sin_port}`, `${B}:80`);
    const me = getsockname(p, s);
    t.is(me.sin_port, 1024, 'the first ephemeral port of 5.0 (net.inet.ip.portrange.first)');
    close(p, s);
  }, 'client');
  await run(n);
  t.is(server_saw, `${A}:1024`);
  t.is(tcp_state(n.a).tcpstat.tcps_connattempt, 1);
  t.is(tcp_state(n.a).tcpstat.tcps_connects, 1);
  t.is(tcp_state(n.b).tcpstat.tcps_accepts, 1);
});

test('close sends FIN both ways: the active closer waits in TIME_WAIT for 2*MSL, then everything is freed', async (t) => {
  const n = net();
  spawn(n.b, (p) => echo_server(p, 7), 'echod');
  spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 7));
    close(p, s);
  }, 'client');
  await run(n);
  await run(n, { limit_ns: n.sim.now_ns + 1e9 });
  const states = tcbinfo(n.a).listhead.map((inp) => tcpstates[intotcpcb(inp)!.t_state]);
  t.deepEqual(states, ['TIME_WAIT']);
  t.is(tcbinfo(n.b).listhead.length, 0, 'the passive closer went through LAST_ACK to CLOSED');
  await run(n, { until_idle: true });
  t.is(tcbinfo(n.a).listhead.length, 0);
  t.true(n.sim.now_ns >= 60e9, '2*MSL is 60 s (net.inet.tcp.msl is 30 s)');
  t.deepEqual(held(n.a), { mbufs: 256, clusters: 256, sockets: 0 }, 'only em0\'s receive ring is left');
  t.deepEqual(held(n.b), { mbufs: 256, clusters: 256, sockets: 0 });
});

test('a client and a server on two machines exchange a message (echo)', async (t) => {
  const n = net();
  spawn(n.b, (p) => echo_server(p, 7), 'echod');
  const client = spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 7));
    const buf = p.malloc(64);
    p.strcpy(buf, 'hello, world');
    t.is(await write(p, s, buf, 12), 12);
    const got = p.calloc(1, 64);
    let k = 0;
    while (k < 12) k += await read(p, s, got + k, 64 - k);
    p.printf('%s\n', got);
    close(p, s);
  }, 'echo');
  await run(n);
  t.is(client.stdout, 'hello, world\n');
  t.is(client.status_text, 'exit 0');
});

test('connect to a port nobody listens on fails with ECONNREFUSED: tcp_input answers the SYN with RST', async (t) => {
  const n = net();
  const p = spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 9));
  }, 'client');
  await run(n);
  t.is(p.stderr, `client: connect(3, "${B}.9"): ECONNREFUSED (Connection refused)\n`);
  t.is(p.status_text, 'exit 1');
  t.is(tcp_state(n.b).tcpstat.tcps_sndctrl, 1, 'one RST');
  t.is(n.sim.now_ns < 1e6, true, 'refused within a millisecond');
});

test('bind to a port already bound fails with EADDRINUSE, also with SO_REUSEADDR while a listener holds it', async (t) => {
  const n = net();
  spawn(n.a, (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5000));
    listen(p, s, 1);
    const s2 = socket(p, AF_INET, SOCK_STREAM, 0);
    const e = t.throws(() => bind(p, s2, sockaddr_in('0.0.0.0', 5000)), { instanceOf: SyscallError });
    t.is(e?.code, 'EADDRINUSE');
    setsockopt(p, s2, SOL_SOCKET, SO_REUSEADDR, 1);
    t.is(getsockopt(p, s2, SOL_SOCKET, SO_REUSEADDR), SO_REUSEADDR);
    t.throws(() => bind(p, s2, sockaddr_in('0.0.0.0', 5000)), { message: /EADDRINUSE/ });
    close(p, s);
    bind(p, s2, sockaddr_in('0.0.0.0', 5000));
    t.throws(() => bind(p, s2, sockaddr_in('0.0.0.0', 5001)), { message: /EINVAL/ }, 'already bound');
  });
  await run(n);
});

test('EBADF, ENOTSOCK, ENOTCONN, EPROTONOSUPPORT and EADDRNOTAVAIL as FreeBSD returns them', async (t) => {
  const n = net();
  spawn(n.a, async (p) => {
    const buf = p.malloc(16);
    await t.throwsAsync(() => read(p, 9, buf, 16), { message: /^read\(9, \d+, 16\): EBADF \(Bad file descriptor\)$/ });
    t.throws(() => close(p, 9), { message: /EBADF/ });
    t.throws(() => listen(p, 1, 5), { message: /ENOTSOCK/ }, 'fd 1 is the console');
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await t.throwsAsync(() => send(p, s, buf, 16, 0), { message: /ENOTCONN/ });
    await t.throwsAsync(() => read(p, s, buf, 16), { message: /ENOTCONN/ });
    t.throws(() => getpeername(p, s), { message: /ENOTCONN/ });
    t.throws(() => shutdown(p, s, SHUT_WR), { message: /ENOTCONN/ });
    t.throws(() => socket(p, AF_INET, SOCK_DGRAM, 0), { message: /EPROTONOSUPPORT/ });
    t.throws(() => socket(p, 99, SOCK_STREAM, 0), { message: /EAFNOSUPPORT/ });
    t.throws(() => bind(p, s, sockaddr_in('10.9.9.9', 80)), { message: /EADDRNOTAVAIL/ });
    close(p, s);
  });
  await run(n);
});

test('a write to a connection the peer has reset fails with EPIPE and SIGPIPE kills the writer', async (t) => {
  const n = net();
  spawn(n.b, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 7));
    listen(p, s, 5);
    const c = await accept(p, s);
    close(p, c); // the server goes away without reading
    close(p, s);
  }, 'server');
  const writer = spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 7));
    const buf = p.malloc(1000);
    // The first write reaches a closed socket, whose TCP answers with RST; the next fails.
    for (let i = 0; i < 100; i++) await write(p, s, buf, 1000);
    p.printf('not reached\n');
  }, 'writer');
  await run(n);
  t.is(writer.status_text, 'signal 13 (SIGPIPE)');
  t.is(writer.stdout, '');
  t.true(tcp_state(n.b).tcpstat.tcps_rcvafterclose >= 1);
});

test('a write larger than the send buffer blocks in sbwait until ACKs free space', async (t) => {
  const n = net();
  let returned_at = 0;
  let first_byte_at = 0;
  spawn(n.b, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 7));
    listen(p, s, 5);
    const c = await accept(p, s);
    const buf = p.malloc(65536);
    let total = 0;
    for (;;) {
      const k = await read(p, c, buf, 65536);
      if (k === 0) break;
      if (total === 0) first_byte_at = n.sim.now_ns;
      total += k;
    }
    t.is(total, 200000);
    close(p, c);
  }, 'sink');
  spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 7));
    t.is(getsockopt(p, s, SOL_SOCKET, SO_SNDBUF), 33304, '32768 (net.inet.tcp.sendspace) rounded up to 23 segments of 1448');
    t.is(getsockopt(p, s, SOL_SOCKET, SO_RCVBUF), 66608, '65536 (net.inet.tcp.recvspace) rounded up to 46 segments');
    const buf = p.malloc(200000);
    t.is(await write(p, s, buf, 200000), 200000);
    returned_at = n.sim.now_ns;
    const so = tcbinfo(n.a).listhead[0]!.inp_socket;
    t.true(so.so_snd.sb_cc <= so.so_snd.sb_hiwat, 'what is not yet acknowledged stays in so_snd');
    t.true(so.so_snd.sb_cc > 0);
    close(p, s);
  }, 'source');
  await run(n);
  t.true(returned_at > first_byte_at, 'the writer slept until the receiver had acknowledged data');
});

test('a deadlock (both sides read) is reported with what each process sleeps on', async (t) => {
  const n = net();
  spawn(n.b, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 7));
    listen(p, s, 5);
    const c = await accept(p, s);
    await read(p, c, p.malloc(10), 10);
  }, 'server');
  spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 7));
    await read(p, s, p.malloc(10), 10);
  }, 'client');
  const e = await t.throwsAsync(() => run(n), { instanceOf: SchedDeadlock });
  t.regex(e!.message, /^sched_run: deadlock at 0\.\d{9} s: every process is asleep and nothing is left to happen\n/);
  t.regex(e!.message, /\n {2}b pid 2 \(server\): sleeping on "sbwait" since 0\.\d{9} s/);
  t.regex(e!.message, /\n {2}a pid 2 \(client\): sleeping on "sbwait" since 0\.\d{9} s/);
  t.deepEqual(e!.result.blocked.map((b) => [b.host, b.comm, b.wmesg]).sort(), [['a', 'client', 'sbwait'], ['b', 'server', 'sbwait']]);
});

test('a process waiting in accept with nobody connecting is reported as blocked in "accept"', async (t) => {
  const n = net();
  spawn(n.b, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 7));
    listen(p, s, 5);
    await accept(p, s);
  }, 'server');
  const r = await run(n, { throw_on_block: false });
  t.true(r.deadlock);
  t.deepEqual(r.blocked.map((b) => b.wmesg), ['accept']);
});

test('shutdown(SHUT_WR) sends FIN: the peer reads EOF and can still answer', async (t) => {
  const n = net();
  spawn(n.b, (p) => echo_server(p, 7), 'echod');
  const c = spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 7));
    const buf = p.malloc(100);
    p.strcpy(buf, 'half');
    await write(p, s, buf, 4);
    shutdown(p, s, SHUT_WR);
    const got = p.calloc(1, 100);
    let k = 0;
    for (;;) {
      const r = await read(p, s, got + k, 100 - k);
      if (r === 0) break;
      k += r;
    }
    p.printf('%s %d\n', got, k);
    close(p, s);
  }, 'client');
  await run(n);
  t.is(c.stdout, 'half 4\n');
});

test('sosend: a write from a bad user buffer fails with EFAULT and sends nothing', async (t) => {
  const n = net();
  spawn(n.b, (p) => echo_server(p, 7), 'echod');
  spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 7));
    await t.throwsAsync(() => write(p, s, 0x1000, 100), { message: 'write(3, 4096, 100): EFAULT (Bad address)' });
    const so = tcbinfo(n.a).listhead[0]!.inp_socket;
    t.is(so.so_snd.sb_cc, 0);
    t.is(tcp_state(n.a).tcpstat.tcps_sndpack, 0);
    close(p, s);
  }, 'client');
  await run(n);
});

test('TCP_NODELAY and SO_SNDBUF/SO_RCVBUF are set and read back with setsockopt/getsockopt', async (t) => {
  const n = net();
  spawn(n.a, (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    t.is(getsockopt(p, s, IPPROTO_TCP, TCP_NODELAY), 0);
    setsockopt(p, s, IPPROTO_TCP, TCP_NODELAY, 1);
    t.not(getsockopt(p, s, IPPROTO_TCP, TCP_NODELAY), 0);
    setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, 100000);
    t.is(getsockopt(p, s, SOL_SOCKET, SO_SNDBUF), 100000);
    t.throws(() => setsockopt(p, s, SOL_SOCKET, SO_RCVBUF, 10_000_000), { message: /ENOBUFS/ }, 'above kern.ipc.maxsockbuf');
    t.is(getsockopt(p, s, SOL_SOCKET, SO_RCVBUF), 65536);
    close(p, s);
  });
  await run(n);
});

test('a SYN nobody answers (net.inet.tcp.blackhole=1) is retransmitted until tcp_keepinit (75 s): ETIMEDOUT', async (t) => {
  const n = net();
  n.b.sysctl('net.inet.tcp.blackhole', 1);
  const p = spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 9));
  }, 'client');
  await run(n);
  t.regex(p.stderr, /ETIMEDOUT \(Operation timed out\)/);
  t.true(n.sim.now_ns >= 75e9 && n.sim.now_ns < 76e9, `${n.sim.now_ns}`);
  const st = tcp_state(n.a).tcpstat;
  t.true(st.tcps_rexmttimeo >= 5, 'the SYN was retransmitted with backoff');
  t.is(st.tcps_keepdrops, 1);
});

test('close with SO_LINGER {1, 0} resets the connection: the peer reads ECONNRESET', async (t) => {
  const n = net();
  const server = spawn(n.b, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 7));
    listen(p, s, 5);
    const c = await accept(p, s);
    await read(p, c, p.malloc(10), 10);
  }, 'server');
  spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in(B, 7));
    setsockopt(p, s, SOL_SOCKET, SO_LINGER, { l_onoff: 1, l_linger: 0 });
    close(p, s);
  }, 'client');
  await run(n);
  t.regex(server.stderr, /^server: read\(4, \d+, 10\): ECONNRESET \(Connection reset by peer\)\n$/);
});
