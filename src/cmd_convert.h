/* SPDX-License-Identifier: MIT */
/*
 * cmd_convert.h - `satreport convert` and `satreport mapping-check`
 *
 * Both read other tools' exports through a mapping (read/mapping.h,
 * docs/mappings.md).  convert writes what was read as native CSV (FORMATS.md
 * §2.2: UTF-8 with a BOM, a header of template ids), so that a user sees
 * exactly what a run would get; mapping-check says which columns or paths
 * matched, which did not, and which values had no mapping.
 */
#ifndef SR_CMD_CONVERT_H
#define SR_CMD_CONVERT_H

/**
 * satreport convert --mapping MAPPING [--template FORM] [--encoding E]
 *                   [-q] FILE... -o OUT.csv
 *
 * @argc/@argv are the arguments after "convert".  Returns an exit code of
 * FORMATS.md §5: 0 every form written; 1 some forms refused by the mapping
 * (listed on stderr, not written); 2 usage, mapping or template error;
 * 3 an input could not be read (the others are still converted); 4 the
 * output could not be written (nothing is left at OUT).
 */
int sr_cmd_convert(int argc, char **argv);

/**
 * satreport mapping-check MAPPING [--template FORM] [--encoding E] FILE...
 *
 * Prints, per file, the columns (or the XML element paths) and the
 * template ids they feed, the mapping's sources that matched nothing, the
 * values no value map knew, and the forms the mapping refuses.  Returns 0
 * when everything matched and every value was mapped, 1 when something
 * did not, 2 for a usage, mapping or template error, 3 when a file cannot
 * be read.
 */
int sr_cmd_mapping_check(int argc, char **argv);

#endif /* SR_CMD_CONVERT_H */
