// MAP_SHARED versus MAP_PRIVATE across fork(2): a shared page is one page
// for both processes, so each sees the other's writes; a private page is
// copied on the first write and each process keeps its own.
import { boot, MAP_ANON, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from 'zcsim';

const kernel = boot();

kernel.spawn(async (p) => {
  const rw = PROT_READ | PROT_WRITE;
  const shared = p.mmap(0, 4096, rw, MAP_ANON | MAP_SHARED, -1, 0);
  const priv = p.mmap(0, 4096, rw, MAP_ANON | MAP_PRIVATE, -1, 0);
  p.strcpy(shared, 'parent was here');
  p.strcpy(priv, 'parent was here');

  p.fork(async (child) => {
    child.printf('child reads  shared: "%s"\n', shared);
    child.strcpy(shared, 'child was here');
    child.strcpy(priv, 'child was here');
    child.printf('child wrote  shared and private\n');
  });
  await p.wait();
  p.printf('parent reads shared: "%s"\n', shared);
  p.printf('parent reads private: "%s"\n', priv);
}, { comm: 'shm' });

await kernel.run();
console.log(kernel.output.trimEnd());
