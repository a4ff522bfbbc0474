// LINT: every option the simulator knows, as generated from NOTES.
// Mirrors sys/i386/conf/LINT (made from sys/conf/NOTES by `make LINT`); the
// comments give NOTES's facts in our own words.
// As in NOTES, TI_PRIVATE_JUMBOS is commented out because it cannot be
// combined with TI_JUMBO_HDRSPLIT; everything else is on, so LINT boots the
// zero copy configuration with header splitting and 4 KB clusters.

export const LINT = `#
# LINT -- kernel configuration with every option, generated from NOTES.
#
machine		i386
cpu		I386_CPU
cpu		I486_CPU
cpu		I586_CPU
cpu		I686_CPU
ident		LINT
maxusers	10

makeoptions	DEBUG=-g
options 	ROOTDEVNAME="ufs:da0s2e"

#
# ZERO_COPY_SOCKETS: socket writes and reads that the CPU does not copy.
# Sending works over any network interface.  Receiving needs an interface
# running with an MTU larger than a page (4 KB on i386) that also splits
# each packet's headers from its payload.  The rules a buffer must meet
# are in zero_copy(9).
#
options 	ZERO_COPY_SOCKETS

#
# The sizes of mbufs and of mbuf clusters.  A network driver loaded as a
# module has its own idea of both, fixed when it was compiled, and has to
# agree with the kernel's.  Of the drivers, only ti(4) can tell if not.
#
options 	MCLSHIFT=12	# clusters of 1 << 12 = 4096 bytes
options 	MSIZE=512	# each mbuf 512 bytes, header included
options 	NMBCLUSTERS=1024
options 	MAXMEM=131072	# RAM in KB: 128 MB

options 	INET, INET6
options 	FFS, SOFTUPDATES, UFS_DIRHASH
options 	MD_ROOT
options 	NFSCLIENT, NFSSERVER, NFS_ROOT
options 	MSDOSFS, CD9660
options 	PSEUDOFS, PROCFS
options 	COMPAT_43
options 	SCSI_DELAY=5000
options 	KTRACE
options 	SYSVSHM, SYSVMSG, SYSVSEM
options 	_KPOSIX_PRIORITY_SCHEDULING
options 	KBD_INSTALL_CDEV
options 	DDB
options 	INVARIANTS, INVARIANT_SUPPORT
options 	WITNESS, WITNESS_SKIPSPIN

device		isa
device		pci
device		apic
device		npx
device		ata, atadisk, atapicd
device		scbus, da, cd, ahc
device		atkbdc, atkbd, psm, vga, sc, sio
device		miibus, dc, fxp, xl, em

#
# ti(4): gigabit Ethernet boards built on Alteon's Tigon I or Tigon II.
#
device		ti
# Jumbo receive buffers from a contiguous pool that ti(4) keeps to itself
# rather than jumbo(9) pages; off here because TI_JUMBO_HDRSPLIT excludes it.
#options 	TI_PRIVATE_JUMBOS
# Tigon II firmware that puts headers and payload in separate receive
# buffers.  A Tigon I board has no such firmware and ignores the option.
options 	TI_JUMBO_HDRSPLIT

device		random, loop, ether, sl, tun, pty, md, gif, bpf
device		ppp	2
device		faith	1
`;
