// The kernel's name, release and build banner.
// Mirrors sys/conf/newvers.sh, which writes vers.c at build time.
//
// The build date is fixed (the week the zero copy code was committed to
// -CURRENT) so that every boot prints the same banner.

export const ostype = 'FreeBSD'; // kern.ostype
export const osrelease = '5.0-CURRENT'; // kern.osrelease
export const BSD = 199506; // kern.osrevision: the BSD macro from sys/param.h
export const BUILD_DATE = 'Wed Jun 26 14:32:07 PDT 2002'; // fixed, for determinism

/** The two-line version string (`version[]` in vers.c) for a kernel built from config `ident`. */
export function version(ident: string, build_host: string): string[] {
  return [`${ostype} ${osrelease} #0: ${BUILD_DATE}`, `    ${build_host}:/usr/obj/usr/src/sys/${ident}`];
}
