/* SPDX-License-Identifier: MIT */
/*
 * xlsx.h - the workbook renderer's own declarations (statistics.xlsx)
 *
 * The public API (sr_xlsx_open, sr_xlsx_record, sr_xlsx_finish,
 * sr_xlsx_free) is in ../render.h; this header only adds what the unit
 * tests need.  No libxlsxwriter type appears here.
 */
#ifndef SR_RENDER_XLSX_H
#define SR_RENDER_XLSX_H

#include "../render.h"

/** Sheet names (Chinese; lang.c has the English ones), in display order.
 * 同比 exists with [analysis] previous, 意见分类 when the template has
 * comments, 明细 with records on.  Streamed sheets past their first part
 * are the name followed by a number: 明细2, 意见分类2, ...; they come
 * after 明细, in the order they were needed. */
#define SR_XLSX_SUMMARY   "汇总"
#define SR_XLSX_CUSTOMERS "客户统计"
#define SR_XLSX_ITEMS     "题目统计"
#define SR_XLSX_SEGMENTS  "分组对比"
#define SR_XLSX_YOY       "同比"
#define SR_XLSX_COMMENTS  "意见分类"
#define SR_XLSX_RECORDS   "明细"
#define SR_XLSX_REFUSED   "拒收记录"
#define SR_XLSX_NOTES     "说明"

#ifdef SR_TESTING
/**
 * Test hook: the number of rows (header included) a sheet may hold, for
 * workbooks opened after the call.  0 restores Excel's limit (1,048,576).
 * Values below 2 are raised to 2 (a header and one row).
 */
void sr_xlsx_set_row_limit(unsigned long rows);

/**
 * Test hook: the XML bytes (an upper estimate) a streamed sheet may reach
 * before the next row starts a new sheet, for workbooks opened after the
 * call.  0 restores the default (3.75 GiB: a sheet's XML must stay below
 * zip's 4 GiB, zip64 being off).
 */
void sr_xlsx_set_sheet_bytes(unsigned long long bytes);
#endif

#endif /* SR_RENDER_XLSX_H */
