/*
 * The module metadata FreeBSD's sys/sys/module.h and sys/sys/linker_set.h macros put in a kld,
 * spelled out for the test modules: each MODULE_VERSION, MODULE_DEPEND and DECLARE_MODULE adds a
 * struct mod_metadata in .data and a pointer to it in the section set_modmetadata_set, which the
 * linker brackets with __start_set_modmetadata_set and __stop_set_modmetadata_set. Linked -shared,
 * every pointer becomes an R_AARCH64_RELATIVE relocation, as in a real arm64 .ko.
 */
#ifndef KMOD_H
#define KMOD_H

#define MDT_DEPEND		1	/* argument is a module name, data a struct mod_depend */
#define MDT_MODULE		2	/* argument is a module name, data a struct moduledata */
#define MDT_VERSION		3	/* argument is a module name, data a struct mod_version */
#define MDT_STRUCT_VERSION	1

struct mod_metadata {
	int md_version;
	int md_type;
	const void *md_data;
	const char *md_cval;
};

struct mod_depend {
	int md_ver_minimum;
	int md_ver_preferred;
	int md_ver_maximum;
};

struct mod_version {
	int mv_version;
};

struct moduledata {
	const char *name;
	int (*evhand)(void *module, int event, void *arg);
	void *priv;
};

__asm__(".globl __start_set_modmetadata_set\n\t.globl __stop_set_modmetadata_set");

#define KMOD_DATA_SET(sym) \
	static const void *__set_modmetadata_set_sym_##sym \
	    __attribute__((section("set_modmetadata_set"), used)) = &(sym)

#define KMOD_METADATA(uniq, type, data, cval) \
	static struct mod_metadata _mod_metadata##uniq = { MDT_STRUCT_VERSION, type, data, cval }; \
	KMOD_DATA_SET(_mod_metadata##uniq)

#define MODULE_VERSION(module, version) \
	static struct mod_version _##module##_version = { version }; \
	KMOD_METADATA(_##module##_version, MDT_VERSION, &_##module##_version, #module)

#define MODULE_DEPEND(module, mdepend, vmin, vpref, vmax) \
	static struct mod_depend _##module##_depend_on_##mdepend = { vmin, vpref, vmax }; \
	KMOD_METADATA(_md_##module##_on_##mdepend, MDT_DEPEND, &_##module##_depend_on_##mdepend, #mdepend)

static inline int kmod_event(void *module, int event, void *arg)
{
	(void)module;
	(void)event;
	(void)arg;
	return 0;
}

/* DECLARE_MODULE without the SYSINIT: the loader reads only the MDT_MODULE record. */
#define DECLARE_MODULE(name) \
	static struct moduledata name##_mod = { #name, kmod_event, 0 }; \
	KMOD_METADATA(_md_##name, MDT_MODULE, &name##_mod, #name)

#endif
