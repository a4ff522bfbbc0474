// <sys/jumbo.h>: the jumbo(9) interface, for drivers.
// Mirrors sys/sys/jumbo.h (v1.3, 2002): the prototypes, the exported
// jumbo_basekva and the inline jumbo_phys_to_kva. The code is in
// kern/uipc_jumbo.ts; import from here, as a driver includes the header.
//
//   import { jumbo_vm_init, jumbo_pg_alloc, jumbo_phys_to_kva, jumbo_freem } from '../../sys/jumbo.ts';
//
// Arguments differ from C in one way: functions that in C reach the pool
// through globals take the kernel first (one simulation boots several).

export {
  JUMBO_MAX_PAGES,
  JUMBO_BASEKVA as jumbo_basekva,
  jumbo_vm_init,
  jumbo_pg_alloc,
  jumbo_pg_free,
  jumbo_freem,
  jumbo_pg_steal,
  jumbo_phys_to_kva,
  jumbo_kva_to_page,
  jumbo_buf_to_page,
  jumbo_is_pool_page,
  jumbo_stats,
  type jumbo_state,
} from '../kern/uipc_jumbo.ts';
