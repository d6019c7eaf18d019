/* SPDX-License-Identifier: MIT */
/*
 * lang.c - the texts of statistics.xlsx: sheet names, headings, notes and
 * the definitions on 说明, per template language
 *
 * Input: the template's lang attribute.  Output: a table indexed by enum
 * sr_xl_text (xlsx_impl.h).  Chinese (zh-CN) is the default; a template in
 * English (lang="en", "en-GB"...) gets English sheet names and headings.
 * A text may hold one {}: where sr_xl_fill() puts a value.
 */
#include "xlsx_impl.h"

#include <string.h>
#include <strings.h>

static const char *const zh[SR_XT_COUNT_ALL] = {
    [SR_XT_SHEET_SUMMARY] = "汇总",
    [SR_XT_SHEET_CUSTOMERS] = "客户统计",
    [SR_XT_SHEET_ITEMS] = "题目统计",
    [SR_XT_SHEET_COMPARE] = "分组对比",
    [SR_XT_SHEET_YOY] = "同比",
    [SR_XT_SHEET_COMMENTS] = "意见分类",
    [SR_XT_SHEET_RECORDS] = "明细",
    [SR_XT_SHEET_REFUSED] = "拒收记录",
    [SR_XT_SHEET_NOTES] = "说明",
    [SR_XT_SHEET_FOLLOWUP] = "回访清单",

    [SR_XT_PAGE_FOOTER] = "第 &P 页，共 &N 页",
    [SR_XT_ALL] = "全部",
    [SR_XT_GROUP] = "分组",
    [SR_XT_GROUP_VALUE] = "分组值",
    [SR_XT_FORMS] = "表单数",
    [SR_XT_REMARK] = "备注",
    [SR_XT_SMALL] = "样本少",
    [SR_XT_CATEGORY_GROUP] = "意见类别",
    [SR_XT_CSI_LONG] = "顾客满意度指数 CSI",
    [SR_XT_NPS_LONG] = "净推荐值 NPS",
    [SR_XT_CSI] = "CSI",
    [SR_XT_NPS] = "NPS",
    [SR_XT_P] = "p值",
    [SR_XT_INDEX] = "指数",
    [SR_XT_YESNO_FORMAT] = "\"是\";\"是\";\"否\"",
    [SR_XT_LIST_SEP] = "；",

    [SR_XT_FACT_TITLE] = "报告标题",
    [SR_XT_FACT_ORG] = "单位",
    [SR_XT_FACT_SURVEY] = "调查表",
    [SR_XT_FACT_PERIOD] = "调查期间",
    [SR_XT_FACT_MARKING] = "密级",
    [SR_XT_FACT_PREPARED] = "编制部门",
    [SR_XT_FACT_DATE] = "生成日期",
    [SR_XT_FACT_VERSION] = "程序版本",
    [SR_XT_FACT_STATUS] = "文件状态",
    [SR_XT_FORMS_TABLE] = "表单",
    [SR_XT_COUNT] = "份数",
    [SR_XT_READ] = "读取",
    [SR_XT_ACCEPTED] = "有效（纳入分析）",
    [SR_XT_REFUSED] = "拒收",
    [SR_XT_OUT_OF_PERIOD] = "调查期间外",
    [SR_XT_METRIC] = "指标",
    [SR_XT_VALUE] = "数值",
    [SR_XT_N] = "n",
    [SR_XT_PREVIOUS] = "上期",
    [SR_XT_CURRENT] = "本期",
    [SR_XT_DELTA] = "变化",
    [SR_XT_DIMENSION] = "维度",
    [SR_XT_WEIGHT] = "权重",
    [SR_XT_TARGET] = "目标",
    [SR_XT_MET_HEAD] = "达标情况",
    [SR_XT_MET] = "达标",
    [SR_XT_UNMET] = "未达标",
    [SR_XT_GAP] = "差距",
    [SR_XT_ALPHA] = "信度系数α",
    [SR_XT_QUADRANT] = "象限",
    [SR_XT_QUADRANT_1] = "优势区",
    [SR_XT_QUADRANT_2] = "修补区",
    [SR_XT_QUADRANT_3] = "机会区",
    [SR_XT_QUADRANT_4] = "维持区",
    [SR_XT_ACTION_RANK] = "改进优先级",
    [SR_XT_SOURCE] = "来源文件",
    [SR_XT_SRC_ACCEPTED] = "有效",
    [SR_XT_CATEGORY] = "意见类别",
    [SR_XT_CATEGORY_KIND] = "性质",
    [SR_XT_COMPLAINT_CLASS] = "投诉类",
    [SR_XT_SHARE] = "占比",
    [SR_XT_BASE] = "基数",
    [SR_XT_WITH_COMMENT] = "有意见的表单",
    [SR_XT_CATEGORIES_NOTE] =
        "注：占比 = 表单数 / 基数；一份表单可属多个类别。",
    [SR_XT_COMPLAINTS_TOTAL] = "投诉（合计）",
    [SR_XT_CHART_DIMS_TITLE] = "各维度满意度指数与目标",
    [SR_XT_CHART_DIMS_X] = "维度",
    [SR_XT_CHART_DIMS_Y] = "指数（0–100）",
    [SR_XT_SUMMARY_NOTE] =
        "注：指数为 0–100；达标指指数不低于目标；差距 = 指数 − 目标；"
        "低于目标的指数底色标红。",
    [SR_XT_SUMMARY_NOTE2] = "信度系数为 Cronbach α；n 为有效样本数；"
                            "各指标的定义见“说明”。",

    [SR_XT_CUST_ARCHIVE] = "档案客户数",
    [SR_XT_CUST_RESPONDED] = "应答客户数",
    [SR_XT_CUST_RATE] = "应答率",
    [SR_XT_FORMS_SHARE] = "表单占比",
    [SR_XT_COMPLAINTS] = "投诉数",
    [SR_XT_COMPLAINT_RATE] = "投诉率",
    [SR_XT_CUST_NOTE_SMALL] =
        "样本少：表单数少于 {}，结论仅供参考（数字以灰色斜体显示）。",
    [SR_XT_CUST_NOTE_BELOW] = "底色标红：维度指数低于该维度的目标值。",
    [SR_XT_CUST_NOTE_SHARE] = "表单占比 = 该组有效表单数 / 全部有效表单数。",
    [SR_XT_NO_GROUPS] = "本次没有可分组的数据（模板没有分组字段，或各组表单数"
                        "少于最小报告数）。",
    [SR_XT_CUST_REP] = "代表性",
    [SR_XT_CUST_MOE] = "CSI误差（±）",
    [SR_XT_CUST_FOLLOW] = "需回访客户",
    [SR_XT_CUST_MANAGER] = "客户经理",
    [SR_XT_CUST_NOT_REP] = "代表性不足",
    [SR_XT_CUST_NOT_BROKEN] = "表单少于 {} 份，不单列满意度",
    [SR_XT_CUST_NOTE_REP] =
        "代表性：应答客户数不少于 {}（最小样本量）且应答率不低于 5% 为“是”；"
        "否则该组的结果不能代表档案中该组的全部客户。",
    [SR_XT_CUST_NOTE_MOE] =
        "CSI误差：CSI 的 95% 置信区间半宽，按应答客户占档案客户的比例作有限"
        "总体校正（定义见“说明”）。",
    [SR_XT_CUST_NOTE_ARCHIVE] =
        "档案客户数、应答客户数按客户档案计；分组以档案为准（问卷填写的分组值"
        "与档案不一致时按档案分析）；一位客户提交多份表单只计一次应答。",
    [SR_XT_CUST_NOTE_UNKNOWN] =
        "另有 {} 份有效表单来自客户档案之外的客户，按问卷填写的分组值计入。",
    [SR_XT_CUST_NOTE_DISAGREE] = "问卷填写与档案不一致（以档案为准）：{}。",
    [SR_XT_FORMS_UNIT] = "{} 份",
    [SR_XT_SUM_ARCHIVE] = "客户档案",
    [SR_XT_CUST_REPEATED] = "提交多份表单的客户",
    [SR_XT_CUST_UNKNOWN] = "档案外客户",
    [SR_XT_REC_OWN] = "问卷原填（与档案不一致）",
    [SR_XT_FU_CUSTOMER] = "客户编号",
    [SR_XT_FU_NAME] = "客户名称",
    [SR_XT_FU_DATE] = "调查日期",
    [SR_XT_FU_SCORE] = "总体满意度",
    [SR_XT_FU_LABEL] = "评价",
    [SR_XT_FU_REASON] = "回访原因",
    [SR_XT_FU_CATEGORIES] = "投诉类别",
    [SR_XT_FU_IN_ARCHIVE] = "档案客户",
    [SR_XT_FU_LOW] = "总体满意度低",
    [SR_XT_FU_NONE] = "没有需要回访的客户。",
    [SR_XT_FU_NOTE] =
        "注：总体满意度为量表最低两档（如不满意、非常不满意）或意见属投诉类"
        "的表单各列一行，按客户经理、客户编号排列；客户名称已脱敏。",
    [SR_XT_FU_MORE] = "其余 {} 行超出工作表行数上限，见 followup.csv",

    [SR_XT_ITEM_ID] = "题号",
    [SR_XT_ITEM_TEXT] = "题目",
    [SR_XT_ITEM_DIM] = "维度",
    [SR_XT_ITEM_SCALE] = "量表",
    [SR_XT_ITEM_N] = "有效样本",
    [SR_XT_ITEM_MEAN] = "均值",
    [SR_XT_ITEM_SD] = "标准差",
    [SR_XT_ITEM_CI_LOW] = "95%置信下限",
    [SR_XT_ITEM_CI_HIGH] = "95%置信上限",
    [SR_XT_ITEM_MEDIAN] = "中位数",
    [SR_XT_ITEM_TOP2] = "前两项占比",
    [SR_XT_ITEM_BOTTOM2] = "后两项占比",
    [SR_XT_ITEM_R] = "与总体满意度相关",
    [SR_XT_POINT_COUNT] = "{}分人数",
    [SR_XT_POINT_SHARE] = "{}分占比",
    [SR_XT_CHOICE] = "选择题",
    [SR_XT_CHOICE_TEXT] = "题目",
    [SR_XT_CHOICE_OPTION] = "选项",
    [SR_XT_CHOICE_COUNT] = "人数",
    [SR_XT_CHOICE_SHARE] = "占比",
    [SR_XT_CHOICE_N] = "应答人数",
    [SR_XT_CHOICE_NOTE] =
        "注：多选题的占比以应答人数为分母，各选项占比之和可超过 100%。",

    [SR_XT_CMP_ITEM_INDEX] = "{} 指数",
    [SR_XT_CMP_ITEM_TOP2] = "{} 前两项",
    [SR_XT_CMP_NOTE_MARK] =
        "注：* 表示该组与其余表单相比差异显著（指数：Welch t 检验；"
        "前两项占比：比例检验；p < 0.05，且样本不少）；p值为该组与其余表单"
        "比较的结果。",
    [SR_XT_CMP_NOTE_SMALL] =
        "样本少：表单数少于 {}，不作显著性标记，结论仅供参考。",
    [SR_XT_CMP_NOTE_BELOW] = "底色标红：维度指数低于该维度的目标值。",

    [SR_XT_YOY_P] = "变化的p值",
    [SR_XT_YOY_CHART_TITLE] = "本期与上期满意度指数对比",
    [SR_XT_YOY_CHART_X] = "指标",
    [SR_XT_YOY_CHART_Y] = "指数（0–100）",
    [SR_XT_YOY_NOTE] = "注：变化 = 本期 − 上期；* 表示变化显著（p < 0.05）。",
    [SR_XT_YOY_NOTE_SOURCE] =
        "上期数据来自流水线 [analysis] previous 指定的 stats.csv。",
    [SR_XT_YOY_NONE] = "上期数据中没有可与本期比较的指标。",
    [SR_XT_CATEGORIES] = "意见类别",
    [SR_XT_COMPLAINT] = "投诉",
    [SR_XT_COMMENTS_NOT_LISTED] =
        "本工作簿由分批运行的结果合并生成，没有逐条的意见；意见的统计见“汇总”，"
        "逐条意见见各批的工作簿。",
    [SR_XT_COMMENTS_NO_RECORDS] =
        "本次运行不列逐条记录（--no-records 或 records = no），逐条意见未列出；"
        "意见的分类统计见“汇总”。列出逐条意见与明细请去掉该选项重新运行。",

    [SR_XT_REF_FILE] = "文件",
    [SR_XT_REF_LINE] = "行号",
    [SR_XT_REF_FORM] = "表单编号",
    [SR_XT_REF_FIELD] = "字段",
    [SR_XT_REF_REASON] = "原因",
    [SR_XT_REF_MORE] = "其余 {} 行超出工作表行数上限，见 rejects.csv",

    [SR_XT_NOTES_TITLE] = "说明",
    [SR_XT_NOTES_DEFS] = "指标定义",
    [SR_XT_NOTES_TERM] = "指标",
    [SR_XT_NOTES_MEANING] = "定义",
    [SR_XT_NOTES_INPUTS] = "输入与运行",
    [SR_XT_NOTES_KIND] = "项目",
    [SR_XT_NOTES_PATH] = "文件或取值",
    [SR_XT_NOTES_SHA] = "SHA-256",
    [SR_XT_IN_TEMPLATE] = "调查表模板",
    [SR_XT_IN_FILE] = "调查数据",
    [SR_XT_IN_ARCHIVE] = "客户档案",
    [SR_XT_IN_SEGMENT_RULES] = "客户分类规则",
    [SR_XT_IN_COMMENT_RULES] = "意见分类规则",
    [SR_XT_IN_PREVIOUS] = "上期统计",
    [SR_XT_NOTES_RUN] = "运行",
    [SR_XT_RUN_PIPELINE] = "流水线",
    [SR_XT_RUN_MIN_BASE] = "最小样本量",
    [SR_XT_NOTES_NO_RULES] =
        "本次未加载意见分类规则：意见分类表只列出意见，不分类别。",
    [SR_XT_NOTES_MASKING] =
        "个人信息（模板中 pii=\"true\" 的字段，以及意见中的手机号、证件号、"
        "电子邮箱和客户本人的姓名等）已隐去部分字符，如 138****5678。",
    [SR_XT_NOTES_PROTECTED] =
        "本工作簿为涉密文件：各工作表已设保护，禁止修改，可筛选、排序、"
        "调整列宽；解除保护需向编制部门索取密码。",
};

static const struct sr_xl_def zh_defs[] = {
    { "有效表单", "通过校验、调查日期在调查期间内、纳入分析的表单。读取 = "
                  "有效 + 拒收 + 调查期间外。" },
    { "拒收", "未通过校验的表单，每个问题一行列在“拒收记录”和 rejects.csv。" },
    { "有效样本 n", "该指标所依据的有效回答数；缺失的回答不计入。" },
    { "均值", "有效回答的算术平均。" },
    { "标准差", "样本标准差（分母 n−1）；n < 2 时不计算。" },
    { "95%置信区间", "均值 ± t(0.975, n−1) × 标准差 / √n。" },
    { "中位数", "有效回答的中位数（偶数个时取中间两个的平均）。" },
    { "前两项占比", "回答落在量表最高两个分值的比例；后两项占比为最低两个"
                    "分值的比例。" },
    { "指数", "（均值 − 量表最小值）/（量表最大值 − 量表最小值）× 100，"
              "取值 0–100。" },
    { "维度指数",
      "每份表单先取该维度已答题目的平均分，再按上式换算为 0–100。" },
    { "顾客满意度指数 CSI", "各维度指数按模板权重的加权平均（只计有数据的"
                            "维度）。" },
    { "净推荐值 NPS", "推荐题中 9–10 分的比例减去 0–6 分的比例，乘以 100，"
                      "取值 −100 至 100。" },
    { "信度系数α", "Cronbach α，按答全该维度全部题目的表单计算。" },
    { "目标、差距", "目标为维度的目标指数；差距 = 指数 − 目标，负数表示"
                    "未达标。" },
    { "与总体满意度相关", "题目或维度得分与总体满意度题的 Pearson 相关系数"
                          "（按表单）。" },
    { "象限", "重要性（与总体满意度的相关）与表现（指数）按各维度平均值划分"
              "（GB/T 19038）：优势区、修补区、机会区、维持区。" },
    { "改进优先级", "低于目标的维度或题目按改进的紧迫程度排序，1 为最优先。" },
    { "p值", "该组与其余全部有效表单比较的显著性：指数用 Welch t "
             "检验，前两项占比用比例检验。" },
    { "显著 *", "p < 0.05 且该组样本不少于最小样本量时，数字后标 *。" },
    { "样本少", "表单数少于最小样本量（[analysis] min_base）的组，"
                "结论仅供参考；少于最小报告数（min_report）的组不单列。" },
    { "表单占比", "该组有效表单数 / 全部有效表单数。" },
    { "投诉数、投诉率", "意见落入投诉类类别的表单数，及其占有效表单的比例。" },
    { "意见类别", "按意见分类规则判定的类别；一份表单可属多个类别。" },
    { "上期、变化", "上期为 [analysis] previous 指定的 stats.csv 中的同一"
                    "指标；变化 = 本期 − 上期，* 表示变化显著。" },
    { "应答率", "有至少一份有效表单的档案客户数 / 客户档案中的客户数。" },
    { "代表性", "应答客户数不少于最小样本量且应答率不低于 5% 的组为“是”。" },
    { "CSI误差（±）",
      "CSI 的 95% 置信区间半宽：t(0.975, n−1) × Σ(权重 × 维度指数标准误) / "
      "Σ权重 × √((N − n客户) / (N − 1))，N 为档案客户数，n客户为应答客户数；"
      "按维度得分完全相关估计，偏保守。" },
    { "档案外客户", "客户编号不在客户档案中的有效表单的客户；其表单保留、"
                    "按问卷填写的分组值分析（或按 unknown_customers = "
                    "refuse 拒收）。" },
    { "问卷原填", "问卷填写的分组值与客户档案不一致时，分析用档案的值，"
                  "明细中另列问卷原填的值。" },
    { "回访清单", "总体满意度为最低两档或意见属投诉类的表单，按客户经理"
                  "排列，供回访。" },
};

static const char *const en[SR_XT_COUNT_ALL] = {
    [SR_XT_SHEET_SUMMARY] = "Summary",
    [SR_XT_SHEET_CUSTOMERS] = "Customers",
    [SR_XT_SHEET_ITEMS] = "Items",
    [SR_XT_SHEET_COMPARE] = "Segments",
    [SR_XT_SHEET_YOY] = "Year over year",
    [SR_XT_SHEET_COMMENTS] = "Comments",
    [SR_XT_SHEET_RECORDS] = "Records",
    [SR_XT_SHEET_REFUSED] = "Refused",
    [SR_XT_SHEET_NOTES] = "Notes",
    [SR_XT_SHEET_FOLLOWUP] = "Follow-up",

    [SR_XT_PAGE_FOOTER] = "Page &P of &N",
    [SR_XT_ALL] = "All",
    [SR_XT_GROUP] = "Group",
    [SR_XT_GROUP_VALUE] = "Value",
    [SR_XT_FORMS] = "Forms",
    [SR_XT_REMARK] = "Remark",
    [SR_XT_SMALL] = "small base",
    [SR_XT_CATEGORY_GROUP] = "Comment category",
    [SR_XT_CSI_LONG] = "Customer satisfaction index CSI",
    [SR_XT_NPS_LONG] = "Net promoter score NPS",
    [SR_XT_CSI] = "CSI",
    [SR_XT_NPS] = "NPS",
    [SR_XT_P] = "p",
    [SR_XT_INDEX] = "Index",
    [SR_XT_YESNO_FORMAT] = "\"yes\";\"yes\";\"no\"",
    [SR_XT_LIST_SEP] = "; ",

    [SR_XT_FACT_TITLE] = "Report title",
    [SR_XT_FACT_ORG] = "Organization",
    [SR_XT_FACT_SURVEY] = "Survey",
    [SR_XT_FACT_PERIOD] = "Period",
    [SR_XT_FACT_MARKING] = "Confidentiality",
    [SR_XT_FACT_PREPARED] = "Prepared by",
    [SR_XT_FACT_DATE] = "Date",
    [SR_XT_FACT_VERSION] = "Program version",
    [SR_XT_FACT_STATUS] = "Status",
    [SR_XT_FORMS_TABLE] = "Forms",
    [SR_XT_COUNT] = "Count",
    [SR_XT_READ] = "Read",
    [SR_XT_ACCEPTED] = "Accepted (analysed)",
    [SR_XT_REFUSED] = "Refused",
    [SR_XT_OUT_OF_PERIOD] = "Outside the period",
    [SR_XT_METRIC] = "Measure",
    [SR_XT_VALUE] = "Value",
    [SR_XT_N] = "n",
    [SR_XT_PREVIOUS] = "Previous",
    [SR_XT_CURRENT] = "Current",
    [SR_XT_DELTA] = "Change",
    [SR_XT_DIMENSION] = "Dimension",
    [SR_XT_WEIGHT] = "Weight",
    [SR_XT_TARGET] = "Target",
    [SR_XT_MET_HEAD] = "Target met",
    [SR_XT_MET] = "met",
    [SR_XT_UNMET] = "not met",
    [SR_XT_GAP] = "Gap",
    [SR_XT_ALPHA] = "Cronbach α",
    [SR_XT_QUADRANT] = "Quadrant",
    [SR_XT_QUADRANT_1] = "strength",
    [SR_XT_QUADRANT_2] = "fix first",
    [SR_XT_QUADRANT_3] = "opportunity",
    [SR_XT_QUADRANT_4] = "maintain",
    [SR_XT_ACTION_RANK] = "Action priority",
    [SR_XT_SOURCE] = "Source file",
    [SR_XT_SRC_ACCEPTED] = "Accepted",
    [SR_XT_CATEGORY] = "Category",
    [SR_XT_CATEGORY_KIND] = "Kind",
    [SR_XT_COMPLAINT_CLASS] = "Complaint",
    [SR_XT_SHARE] = "Share",
    [SR_XT_BASE] = "Base",
    [SR_XT_WITH_COMMENT] = "Forms with a comment",
    [SR_XT_CATEGORIES_NOTE] =
        "Share = forms / base; a form may be in several categories.",
    [SR_XT_COMPLAINTS_TOTAL] = "Complaints (total)",
    [SR_XT_CHART_DIMS_TITLE] = "Dimension indices and targets",
    [SR_XT_CHART_DIMS_X] = "Dimension",
    [SR_XT_CHART_DIMS_Y] = "Index (0-100)",
    [SR_XT_SUMMARY_NOTE] =
        "Indices are 0-100; a target is met when the index is not below it; "
        "gap = index - target; below target: red fill.",
    [SR_XT_SUMMARY_NOTE2] = "Alpha is Cronbach's; n is the number of valid "
                            "answers. See Notes for every definition.",

    [SR_XT_CUST_ARCHIVE] = "Customers (archive)",
    [SR_XT_CUST_RESPONDED] = "Customers responded",
    [SR_XT_CUST_RATE] = "Response rate",
    [SR_XT_FORMS_SHARE] = "Share of forms",
    [SR_XT_COMPLAINTS] = "Complaints",
    [SR_XT_COMPLAINT_RATE] = "Complaint rate",
    [SR_XT_CUST_NOTE_SMALL] = "Small base: fewer than {} forms, read with "
                              "care (numbers in grey italics).",
    [SR_XT_CUST_NOTE_BELOW] =
        "Red fill: the dimension index is below its target.",
    [SR_XT_CUST_NOTE_SHARE] = "Share of forms = the group's accepted forms / "
                              "all accepted forms.",
    [SR_XT_CUST_REP] = "Representative",
    [SR_XT_CUST_MOE] = "CSI margin (±)",
    [SR_XT_CUST_FOLLOW] = "To follow up",
    [SR_XT_CUST_MANAGER] = "Account manager",
    [SR_XT_CUST_NOT_REP] = "not representative",
    [SR_XT_CUST_NOT_BROKEN] = "fewer than {} forms: not broken down",
    [SR_XT_CUST_NOTE_REP] =
        "Representative: at least {} responding customers (the minimum "
        "base) and a response rate of 5% or more; otherwise the group's "
        "results do not speak for all its customers in the archive.",
    [SR_XT_CUST_NOTE_MOE] =
        "CSI margin: the half-width of the CSI's 95% confidence interval, "
        "with the finite population correction of the responding customers "
        "in the archive (see Notes).",
    [SR_XT_CUST_NOTE_ARCHIVE] =
        "Customers are counted from the customer archive; groups follow the "
        "archive (where a form gives another value, the archive's is "
        "analysed); a customer with several forms responded once.",
    [SR_XT_CUST_NOTE_UNKNOWN] =
        "{} more accepted forms come from customers not in the archive; "
        "they are analysed with the values the forms give.",
    [SR_XT_CUST_NOTE_DISAGREE] =
        "Forms that disagree with the archive (the archive's value is "
        "analysed): {}.",
    [SR_XT_FORMS_UNIT] = "{} forms",
    [SR_XT_SUM_ARCHIVE] = "Customer archive",
    [SR_XT_CUST_REPEATED] = "Customers with several forms",
    [SR_XT_CUST_UNKNOWN] = "Customers not in the archive",
    [SR_XT_REC_OWN] = "Form's own value (differs from the archive)",
    [SR_XT_FU_CUSTOMER] = "Customer",
    [SR_XT_FU_NAME] = "Name",
    [SR_XT_FU_DATE] = "Date",
    [SR_XT_FU_SCORE] = "Overall",
    [SR_XT_FU_LABEL] = "Rating",
    [SR_XT_FU_REASON] = "Reason",
    [SR_XT_FU_CATEGORIES] = "Complaint categories",
    [SR_XT_FU_IN_ARCHIVE] = "In archive",
    [SR_XT_FU_LOW] = "low overall score",
    [SR_XT_FU_NONE] = "No customer to follow up.",
    [SR_XT_FU_NOTE] =
        "Note: one row per form whose overall score is on the two lowest "
        "points of its scale or whose comments are a complaint, by account "
        "manager and customer; names are masked.",
    [SR_XT_FU_MORE] = "{} more rows exceed the sheet's row limit: see "
                      "followup.csv",
    [SR_XT_NO_GROUPS] = "No groups to break down (the template has no "
                        "segment field, or every group is below min_report).",

    [SR_XT_ITEM_ID] = "Item",
    [SR_XT_ITEM_TEXT] = "Question",
    [SR_XT_ITEM_DIM] = "Dimension",
    [SR_XT_ITEM_SCALE] = "Scale",
    [SR_XT_ITEM_N] = "n",
    [SR_XT_ITEM_MEAN] = "Mean",
    [SR_XT_ITEM_SD] = "SD",
    [SR_XT_ITEM_CI_LOW] = "95% CI low",
    [SR_XT_ITEM_CI_HIGH] = "95% CI high",
    [SR_XT_ITEM_MEDIAN] = "Median",
    [SR_XT_ITEM_TOP2] = "Top 2",
    [SR_XT_ITEM_BOTTOM2] = "Bottom 2",
    [SR_XT_ITEM_R] = "r with overall",
    [SR_XT_POINT_COUNT] = "{} count",
    [SR_XT_POINT_SHARE] = "{} share",
    [SR_XT_CHOICE] = "Choice",
    [SR_XT_CHOICE_TEXT] = "Question",
    [SR_XT_CHOICE_OPTION] = "Option",
    [SR_XT_CHOICE_COUNT] = "Count",
    [SR_XT_CHOICE_SHARE] = "Share",
    [SR_XT_CHOICE_N] = "Respondents",
    [SR_XT_CHOICE_NOTE] = "Shares of a multiple choice are of the forms that "
                          "answered it, so they may add up to more than 100%.",

    [SR_XT_CMP_ITEM_INDEX] = "{} index",
    [SR_XT_CMP_ITEM_TOP2] = "{} top 2",
    [SR_XT_CMP_NOTE_MARK] =
        "* the group differs significantly from the other forms (index: "
        "Welch t-test; top 2: test of proportions; p < 0.05, base not "
        "small); p compares the group with the other forms.",
    [SR_XT_CMP_NOTE_SMALL] = "Small base: fewer than {} forms, not marked "
                             "for significance, read with care.",
    [SR_XT_CMP_NOTE_BELOW] =
        "Red fill: the dimension index is below its target.",

    [SR_XT_YOY_P] = "p of change",
    [SR_XT_YOY_CHART_TITLE] = "Current and previous period",
    [SR_XT_YOY_CHART_X] = "Measure",
    [SR_XT_YOY_CHART_Y] = "Index (0-100)",
    [SR_XT_YOY_NOTE] =
        "Change = current - previous; * a significant change (p < 0.05).",
    [SR_XT_YOY_NOTE_SOURCE] = "The previous figures come from the stats.csv "
                              "named by [analysis] previous.",
    [SR_XT_YOY_NONE] =
        "The previous period has no figure to compare with this one.",
    [SR_XT_CATEGORIES] = "Categories",
    [SR_XT_COMPLAINT] = "Complaint",
    [SR_XT_COMMENTS_NOT_LISTED] =
        "This workbook was merged from partial runs and lists no comment; "
        "see Summary for their counts and each run's workbook for the "
        "comments.",
    [SR_XT_COMMENTS_NO_RECORDS] =
        "This run lists no form (--no-records or records = no), so no "
        "comment is listed here; see Summary for the comments by category. "
        "Run without that option to list the comments and the records.",

    [SR_XT_REF_FILE] = "File",
    [SR_XT_REF_LINE] = "Line",
    [SR_XT_REF_FORM] = "Form",
    [SR_XT_REF_FIELD] = "Field",
    [SR_XT_REF_REASON] = "Reason",
    [SR_XT_REF_MORE] = "{} more rows past the sheet's row limit: see "
                       "rejects.csv",

    [SR_XT_NOTES_TITLE] = "Notes",
    [SR_XT_NOTES_DEFS] = "Definitions",
    [SR_XT_NOTES_TERM] = "Figure",
    [SR_XT_NOTES_MEANING] = "Definition",
    [SR_XT_NOTES_INPUTS] = "Inputs and run",
    [SR_XT_NOTES_KIND] = "What",
    [SR_XT_NOTES_PATH] = "File or value",
    [SR_XT_NOTES_SHA] = "SHA-256",
    [SR_XT_IN_TEMPLATE] = "Form template",
    [SR_XT_IN_FILE] = "Survey data",
    [SR_XT_IN_ARCHIVE] = "Customer archive",
    [SR_XT_IN_SEGMENT_RULES] = "Segment rules",
    [SR_XT_IN_COMMENT_RULES] = "Comment rules",
    [SR_XT_IN_PREVIOUS] = "Previous statistics",
    [SR_XT_NOTES_RUN] = "Run",
    [SR_XT_RUN_PIPELINE] = "Pipeline",
    [SR_XT_RUN_MIN_BASE] = "Minimum base",
    [SR_XT_NOTES_NO_RULES] = "No comment rules were loaded: the Comments "
                             "sheet lists the comments without categories.",
    [SR_XT_NOTES_MASKING] =
        "Personal data (template fields with pii=\"true\", and phone or ID "
        "numbers, e-mail addresses and the customer's own name inside "
        "comments) is partly masked, e.g. 138****5678.",
    [SR_XT_NOTES_PROTECTED] =
        "This workbook is confidential: its sheets are protected against "
        "editing; filtering, sorting and column widths still work. Ask the "
        "preparing department for the password.",
};

static const struct sr_xl_def en_defs[] = {
    { "Accepted forms", "Forms that passed the checks and are dated inside "
                        "the period. Read = accepted + refused + outside the "
                        "period." },
    { "Refused", "Forms that failed a check: one row per problem on Refused "
                 "and in rejects.csv." },
    { "n", "The valid answers behind a figure; missing answers are left "
           "out." },
    { "Mean", "The arithmetic mean of the valid answers." },
    { "SD", "Sample standard deviation (n-1); not computed for n < 2." },
    { "95% CI", "mean ± t(0.975, n-1) × SD / √n." },
    { "Median", "Of the valid answers (the mean of the middle two for an "
                "even count)." },
    { "Top 2 / bottom 2", "Share of valid answers on the two highest / "
                          "lowest points of the scale." },
    { "Index", "(mean - scale minimum) / (scale maximum - scale minimum) × "
               "100, from 0 to 100." },
    { "Dimension index", "Per form the mean of the dimension's answered "
                         "items, then rescaled as above." },
    { "CSI", "The mean of the dimension indices weighted by the template's "
             "weights (dimensions with data only)." },
    { "NPS", "Share of 9-10 minus share of 0-6 on the recommend item, × "
             "100, from -100 to 100." },
    { "Cronbach α", "Over the forms that answered every item of the "
                    "dimension." },
    { "Target, gap", "The dimension's target index; gap = index - target, "
                     "negative when not met." },
    { "r with overall", "Pearson correlation, per form, of the item or "
                        "dimension score with the overall item." },
    { "Quadrant", "Importance (r with overall) against performance (index), "
                  "split at the mean over dimensions (GB/T 19038)." },
    { "Action priority", "Dimensions or items below their target ranked by "
                         "urgency, 1 first." },
    { "p", "Significance of a group against all other accepted forms: "
           "Welch t-test for indices, test of proportions for top 2." },
    { "Significant *", "Marked when p < 0.05 and the group's base is not "
                       "small." },
    { "Small base", "Fewer forms than [analysis] min_base: read with care; "
                    "groups below min_report are not broken down." },
    { "Share of forms", "The group's accepted forms / all accepted forms." },
    { "Complaints", "Forms with a comment in a complaint category, and their "
                    "share of accepted forms." },
    { "Categories", "Given by the comment rules; a form may be in several." },
    { "Previous, change", "The same figure in the stats.csv named by "
                          "[analysis] previous; change = current - "
                          "previous, * when significant." },
    { "Response rate", "Archive customers with at least one accepted form / "
                       "customers in the archive." },
    { "Representative", "At least min_base responding customers and a "
                        "response rate of 5% or more." },
    { "CSI margin (±)",
      "Half-width of the CSI's 95% confidence interval: t(0.975, n-1) × "
      "Σ(weight × dimension index standard error) / Σ weight × √((N - r) / "
      "(N - 1)), N the archive's customers, r those who responded; "
      "conservative (dimension scores taken as fully correlated)." },
    { "Not in the archive", "Customers of accepted forms whose id is not in "
                            "the customer archive: their forms are kept and "
                            "analysed with their own values (or refused "
                            "with unknown_customers = refuse)." },
    { "Form's own value", "Where a form's segment value differs from the "
                          "archive's, the archive's is analysed; Records "
                          "shows the form's own value beside it." },
    { "Follow-up", "Forms with an overall score on the two lowest points or "
                   "a complaint, by account manager, to call back." },
};

void sr_xl_fill(struct sr_buf *b, const char *tmpl, const char *arg)
{
    const char *at = strstr(tmpl, "{}");

    sr_buf_reset(b);
    if (!at) {
        sr_buf_addstr(b, tmpl);
        return;
    }
    sr_buf_add(b, tmpl, (size_t)(at - tmpl));
    sr_buf_addstr(b, arg);
    sr_buf_addstr(b, at + 2);
}

const char *const *sr_xl_texts(const char *lang)
{
    if (lang && !strncasecmp(lang, "en", 2))
        return en;
    return zh;
}

const struct sr_xl_def *sr_xl_definitions(const char *const *texts, size_t *n)
{
    if (texts == en) {
        *n = sizeof(en_defs) / sizeof(en_defs[0]);
        return en_defs;
    }
    *n = sizeof(zh_defs) / sizeof(zh_defs[0]);
    return zh_defs;
}
