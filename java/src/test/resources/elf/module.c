/*
 * A FreeBSD-shaped arm64 module (ET_DYN): a linker set "set_modmetadata_set" holding a pointer to
 * module metadata, whose pointers the loader can only follow through the dynamic relocations.
 */
struct moddata {
	const char *name;
	int version;
	const void *depends_on;
};

extern int kernel_thing;
extern const struct moddata *const __start_set_modmetadata_set[];
extern const struct moddata *const __stop_set_modmetadata_set[];

static const struct moddata mymod_data = { "mymod", 3, &kernel_thing };
static const struct moddata *const mymod_entry
    __attribute__((section("set_modmetadata_set"), used)) = &mymod_data;

int mymod_counter;

int mymod_load(void)
{
	return mymod_counter + kernel_thing + (int)(__stop_set_modmetadata_set - __start_set_modmetadata_set);
}
