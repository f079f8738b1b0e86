/* A FreeBSD-shaped arm64 "kernel": linked at KERNBASE, with text, rodata, data, bss and symbols. */
const char *const greeting = "hello from a tiny kernel";
char scratch[8192];
int counter = 42;

void _start(void)
{
	scratch[counter] = *greeting;
	for (;;)
		__asm__ volatile("wfe");
}
