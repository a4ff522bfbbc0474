// GENERIC: the default i386 kernel configuration, as shipped mid-2002.
// Mirrors sys/i386/conf/GENERIC, trimmed to the devices the simulator knows;
// the lines are FreeBSD's, the comments on them our own.
// boot() with no argument boots this. It has no zero copy options: those are
// opt-in, and NOTES documents them (see LINT.ts).

export const GENERIC = `#
# GENERIC -- the kernel configuration FreeBSD/i386 ships and boots
#
# The FreeBSD Handbook's chapter on configuring the kernel explains what
# each line of a file like this one does.
#
machine		i386
cpu		I486_CPU
cpu		I586_CPU
cpu		I686_CPU
ident		GENERIC
maxusers	0

makeoptions	DEBUG=-g		#keep symbols for debugging with gdb(1)

options 	INET			#IPv4 networking
options 	INET6			#IPv6 networking
options 	FFS			#the UFS/FFS disk file system
options 	SOFTUPDATES		#ordered metadata writes for FFS
options 	UFS_DIRHASH		#hashed lookups in large directories
options 	MD_ROOT			#root file system may be a memory disk
options 	NFSCLIENT		#mount NFS file systems
options 	NFSSERVER		#export file systems over NFS
options 	NFS_ROOT		#root file system may be NFS (needs NFSCLIENT)
options 	MSDOSFS			#FAT file systems
options 	CD9660			#CD-ROM file systems (ISO 9660)
options 	PROCFS			#/proc (needs PSEUDOFS)
options 	PSEUDOFS		#the framework procfs is built on
options 	COMPAT_43		#4.3BSD system call compatibility; leave it in
options 	SCSI_DELAY=15000	#milliseconds to let SCSI buses settle before probing
options 	KTRACE			#system call tracing for ktrace(1)
options 	SYSVSHM			#System V shared memory
options 	SYSVMSG			#System V message queues
options 	SYSVSEM			#System V semaphores
options 	_KPOSIX_PRIORITY_SCHEDULING #POSIX.1b real-time scheduling
options 	KBD_INSTALL_CDEV	# a /dev node for each keyboard

# Debugging aids, as -CURRENT configures them
options 	DDB			#the in-kernel debugger
options 	INVARIANTS		#consistency checks at run time
options 	INVARIANT_SUPPORT	#the code those checks call; INVARIANTS needs it
options 	WITNESS			#lock order checking, to catch deadlocks
options 	WITNESS_SKIPSPIN	#...except for spin locks, which it would slow

device		isa
device		pci

# IDE (ATA/ATAPI) storage
device		ata
device		atadisk			# IDE disks
device		atapicd			# IDE CD-ROM drives

# SCSI
device		scbus		# the SCSI layer; the others need it
device		da		# SCSI disks
device		cd		# SCSI CD-ROM drives
device		ahc		# Adaptec 2940 cards and on-board AIC7xxx chips

# One controller, atkbdc0, serves the keyboard and the PS/2 mouse
device		atkbdc		# the keyboard controller
device		atkbd		# the keyboard
device		psm		# the PS/2 mouse
device		vga		# VGA display
device		sc		# the syscons console

# The floating point unit; the kernel cannot do without it.
device		npx

# Serial ports
device		sio		# 8250, 16450 and 16550 UARTs

# PCI Ethernet cards whose PHY is reached through miibus.
device		miibus		# PHY access for the cards below
device		dc		# DEC/Intel 21143 and its clones
device		fxp		# Intel 82557/82558 EtherExpress PRO/100
device		xl		# 3Com 3c90x family

# Gigabit PCI Ethernet cards.
device		em		# Intel PRO/1000
device		ti		# Alteon Tigon I and Tigon II boards

# Pseudo devices; a number after the name sets how many units exist.
device		random		# /dev/random
device		loop		# the loopback interface
device		ether		# code shared by Ethernet drivers
device		sl		# SLIP
device		ppp	1	# PPP in the kernel
device		tun		# tunnel interfaces for user programs
device		pty		# pseudo terminals (telnet, xterm)
device		md		# memory disks
device		gif		# IP-in-IP tunnels, v4 and v6
device		faith	1	# relays between IPv6 and IPv4

# bpf(4) lets a program such as tcpdump(1) see every packet on the wire;
# decide who may open it before leaving it in.
device		bpf		# packet capture
`;
