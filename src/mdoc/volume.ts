// Volume names for the page header, as FreeBSD's mdoc(7) macros print them.

const VOLUMES: Record<string, string> = {
  '1': 'General Commands Manual',
  '2': 'System Calls Manual',
  '3': 'Library Functions Manual',
  '4': 'Kernel Interfaces Manual',
  '5': 'File Formats Manual',
  '6': 'Games Manual',
  '7': 'Miscellaneous Information Manual',
  '8': 'System Manager\'s Manual',
  '9': 'Kernel Developer\'s Manual',
};

/** Returns the volume name for a .Dt section, e.g. "9" -> "FreeBSD Kernel Developer's Manual". */
export function mdocVolume(section: string, osName = 'FreeBSD'): string {
  const volume = VOLUMES[section.charAt(0)] ?? 'Manual';
  return `${osName} ${volume}`;
}
