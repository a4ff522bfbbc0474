#!/usr/bin/env node
// zcsim's command: registers tsx so Node can load the TypeScript sources,
// then runs the CLI (src/cli/zcsim.ts), which sets the exit code.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/zcsim.ts');
