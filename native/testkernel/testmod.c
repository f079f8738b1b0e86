/*
 * testmod.ko: a kernel module shaped like a FreeBSD arm64 kld (ET_DYN, built
 * -fPIC and linked -shared), for loaders to place and for the test kernel to
 * find again: a string symbol at a known name, and the module metadata linker
 * set (set_modmetadata_set) a FreeBSD loader parses for MDT_MODULE and
 * MDT_VERSION. Values from sys/sys/module.h.
 */

#define MDT_MODULE		2
#define MDT_VERSION		3
#define MDT_STRUCT_VERSION	1

struct mod_metadata {
	int md_version;		/* MDT_STRUCT_VERSION */
	int md_type;		/* MDT_* */
	const void *md_data;
	const char *md_cval;	/* the module name */
};

struct moduledata {
	const char *name;
	int (*evhand)(void *module, int event, void *arg);
	void *priv;
};

struct mod_version {
	int mv_version;
};

/* The test kernel looks this up by name and compares the bytes at ADDR + st_value. */
const char jktest_module_payload[] = "jkboot test module payload v1";

static int jktest_modevent(void *module, int event, void *arg)
{
	(void)module;
	(void)event;
	(void)arg;
	return 0;
}

static struct moduledata jktest_moduledata = { "jktest", jktest_modevent, 0 };
static struct mod_version jktest_version = { 1 };

static struct mod_metadata md_jktest_module = {
	MDT_STRUCT_VERSION, MDT_MODULE, &jktest_moduledata, "jktest"
};
static struct mod_metadata md_jktest_version = {
	MDT_STRUCT_VERSION, MDT_VERSION, &jktest_version, "jktest"
};

/*
 * DATA_SET(modmetadata_set, ...): one pointer per entry in section
 * set_modmetadata_set; referencing the bracketing symbols makes the linker
 * define __start_set_modmetadata_set and __stop_set_modmetadata_set.
 */
__asm__(".globl __start_set_modmetadata_set\n\t.globl __stop_set_modmetadata_set");
static const void *set_md_jktest_module __attribute__((section("set_modmetadata_set"), used)) = &md_jktest_module;
static const void *set_md_jktest_version __attribute__((section("set_modmetadata_set"), used)) = &md_jktest_version;
