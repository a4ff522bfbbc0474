// struct ucred: a process's credentials, shared copy-on-write between
// processes (fork shares them; a change makes a private copy).
// Mirrors sys/sys/ucred.h and the cr*() and suser() helpers of
// sys/kern/kern_prot.c (FreeBSD 5.0).

import { EPERM } from './errno.ts';

export class ucred {
  cr_ref = 1; // processes (and open files) sharing these credentials
  cr_uid: number; // effective user id
  cr_ruid: number; // real user id
  cr_svuid: number; // saved effective user id
  cr_groups: number[]; // groups; [0] is the effective group id
  cr_rgid: number; // real group id
  cr_svgid: number; // saved effective group id

  constructor(uid: number, gid: number) {
    this.cr_uid = this.cr_ruid = this.cr_svuid = uid;
    this.cr_rgid = this.cr_svgid = gid;
    this.cr_groups = [gid];
  }
}

/** crhold: one more sharer of `cr`. */
export function crhold(cr: ucred): ucred {
  cr.cr_ref++;
  return cr;
}

/** crfree: one sharer fewer. */
export function crfree(cr: ucred): void {
  cr.cr_ref--;
}

/** suser: 0 if the credentials are the superuser's (uid 0), else EPERM. */
export function suser_cred(cr: ucred): number {
  return cr.cr_uid === 0 ? 0 : EPERM;
}
