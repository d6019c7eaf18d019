/* SPDX-License-Identifier: MIT */
/*
 * gen_forms.c - deterministic generator of csat survey forms
 *
 * Writes the bundled example input (--example DIR: a UTF-8 CSV, a GBK CSV, a
 * batch XML file and single-form XML files, with about 2% bad forms of every
 * kind satreport refuses, plus a manifest of what was injected) and benchmark
 * inputs (--forms N: one CSV or XML file, streamed, flat memory).
 *
 * The forms follow templates/forms/csat.xml.  Every random draw comes from
 * xoshiro256** seeded with splitmix64, and the response model uses integer
 * arithmetic only (milli-points), so the same options give the same bytes on
 * every machine: no clock, pid, locale or floating point reaches the output.
 * docs/generator.md describes the model, the options and the bad forms.
 */
#include <errno.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* The template's slots, in template order                                  */
/* ------------------------------------------------------------------------ */

enum slot {
    S_FORM_ID,
    S_CUSTOMER_ID,
    S_CUSTOMER_NAME,
    S_CUSTOMER_TYPE,
    S_REGION,
    S_INDUSTRY,
    S_PHONE,
    S_SURVEY_DATE,
    S_Q1,
    S_Q21 = S_Q1 + 20,
    S_OVERALL,
    S_RECOMMEND,
    S_PLAN,
    S_IMPROVE,
    S_C1,
    S_C2,
    S_COUNT
};

#define NFIELDS         8  /* form_id .. survey_date */
#define NITEMS          21 /* Q1..Q21 */
#define NDIMS           5
#define COL_INTERVIEWER (-1) /* a CSV column the template does not know */
#define SLOT_ANY_Q      (-2) /* benchmark injection: a random Q item */

/* clang-format off */
static const char *const slot_ids[S_COUNT] = {
    "form_id", "customer_id", "customer_name", "customer_type", "region",
    "industry", "phone", "survey_date",
    "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11",
    "Q12", "Q13", "Q14", "Q15", "Q16", "Q17", "Q18", "Q19", "Q20", "Q21",
    "overall", "recommend", "plan", "improve", "C1", "C2",
};
/* clang-format on */
_Static_assert(ARRAY_SIZE(slot_ids) == S_COUNT, "one id per slot");

static const char *const sat5_labels[5] = { "非常不满意", "不满意", "一般",
                                            "满意", "非常满意" };
static const char *const plan_labels[3] = { "个人套餐", "家庭套餐",
                                            "企业套餐" };
static const char *const improve_labels[4] = { "网络质量", "资费", "服务态度",
                                               "办理效率" };
#define MISSING_LABEL "不适用"

/* ------------------------------------------------------------------------ */
/* Random numbers: splitmix64 seeding, xoshiro256**, integer normals         */
/* ------------------------------------------------------------------------ */

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z;

    *x += UINT64_C(0x9e3779b97f4a7c15);
    z = *x;
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
    uint64_t x = seed;

    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* A whole number in [0, n): multiply-shift on the top 32 bits. */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability ppm / 1,000,000. */
static bool rng_ppm(struct rng *r, uint32_t ppm)
{
    return rng_below(r, 1000000) < ppm;
}

/* Approximately normal, mean 0, standard deviation @sd: the sum of eight
 * 16-bit uniforms (Irwin-Hall), in integers so that it is exact everywhere. */
static int64_t rng_normal(struct rng *r, int64_t sd)
{
    uint64_t a = rng_next(r);
    uint64_t b = rng_next(r);
    int64_t sum = 0;

    for (int k = 0; k < 4; k++) {
        sum += (int64_t)((a >> (16 * k)) & 0xffff);
        sum += (int64_t)((b >> (16 * k)) & 0xffff);
    }
    /* 2*sum - 8*65535 has mean 0 and standard deviation 107021 */
    return (2 * sum - 8 * 65535) * sd / 107021;
}

/* Index drawn with probability proportional to @w[i] (all >= 0, sum > 0). */
static size_t rng_pick(struct rng *r, const int *w, size_t n)
{
    uint32_t total = 0;
    uint32_t x;

    for (size_t i = 0; i < n; i++)
        total += (uint32_t)w[i];
    x = rng_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < (uint32_t)w[i])
            return i;
        x -= (uint32_t)w[i];
    }
    return n - 1;
}

static const char *rng_str(struct rng *r, const char *const *v, size_t n)
{
    return v[rng_below(r, (uint32_t)n)];
}

/* ------------------------------------------------------------------------ */
/* Growing text buffer                                                       */
/* ------------------------------------------------------------------------ */

struct sbuf {
    char *p;
    size_t len;
    size_t cap;
};

static void die_nomem(void)
{
    fputs("gen_forms: out of memory\n", stderr);
    exit(1);
}

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        char *p;

        while (cap < b->len + n + 1)
            cap *= 2;
        p = realloc(b->p, cap);
        if (!p)
            die_nomem();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

static void sb_release(struct sbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
}

/* RFC 4180 cell: quoted only when needed, as Excel writes it. */
static void sb_csv(struct sbuf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        sb_puts(b, s);
        return;
    }
    sb_add(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sb_add(b, "\"\"", 2);
        else
            sb_add(b, p, 1);
    }
    sb_add(b, "\"", 1);
}

static void sb_xml(struct sbuf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '&')
            sb_puts(b, "&amp;");
        else if (*p == '<')
            sb_puts(b, "&lt;");
        else if (*p == '>')
            sb_puts(b, "&gt;");
        else
            sb_add(b, p, 1);
    }
}

/* Bounded append to a fixed char array (dst is always terminated). */
static void append(char *dst, size_t cap, const char *s)
{
    size_t len = strlen(dst);
    size_t n = strlen(s);

    if (len + n + 1 > cap)
        n = cap - len - 1;
    memcpy(dst + len, s, n);
    dst[len + n] = '\0';
}

/* ------------------------------------------------------------------------ */
/* Customers: derived from (seed, index) alone, so nothing is kept           */
/* ------------------------------------------------------------------------ */

static const char *const cities_east[] = { "上海", "杭州", "南京", "苏州",
                                           "宁波", "合肥", "济南", "青岛",
                                           "福州", "厦门" };
static const char *const cities_south[] = { "广州", "深圳", "东莞",
                                            "佛山", "南宁", "海口" };
static const char *const cities_north[] = { "北京", "天津", "石家庄", "太原",
                                            "呼和浩特" };
static const char *const cities_central[] = { "武汉", "长沙", "郑州", "南昌",
                                              "宜昌" };
static const char *const cities_sw[] = { "成都", "重庆", "昆明", "贵阳",
                                         "绵阳" };
static const char *const cities_nw[] = { "西安", "兰州", "银川", "西宁",
                                         "乌鲁木齐" };
static const char *const cities_ne[] = { "沈阳", "大连", "长春", "哈尔滨" };

struct region {
    const char *name;
    int weight; /* share of customers, percent */
    int effect; /* milli-points on every score */
    const char *const *cities;
    size_t ncities;
};

static const struct region regions[] = {
    { "华东", 26, 120, cities_east, ARRAY_SIZE(cities_east) },
    { "华南", 20, 80, cities_south, ARRAY_SIZE(cities_south) },
    { "华北", 17, 20, cities_north, ARRAY_SIZE(cities_north) },
    { "华中", 13, -20, cities_central, ARRAY_SIZE(cities_central) },
    { "西南", 11, -80, cities_sw, ARRAY_SIZE(cities_sw) },
    { "西北", 6, -240, cities_nw, ARRAY_SIZE(cities_nw) },
    { "东北", 7, -160, cities_ne, ARRAY_SIZE(cities_ne) },
};

enum name_kind {
    NK_PERSON,
    NK_DEALER,
    NK_RETAIL,
    NK_MAKER,
    NK_LOGISTICS,
    NK_FOOD,
    NK_BANK,
    NK_INSURER,
    NK_LAW,
    NK_AD
};

struct industry {
    const char *name;
    bool special; /* 特殊客户 rather than 一般客户 */
    int weight;   /* share within its customer type, percent */
    int effect;   /* milli-points on every score */
    enum name_kind kind;
};

static const struct industry industries[] = {
    { "个人", false, 40, 50, NK_PERSON },
    { "经销商", false, 15, 100, NK_DEALER },
    { "零售", false, 12, 0, NK_RETAIL },
    { "制造", false, 13, -50, NK_MAKER },
    { "物流", false, 10, -80, NK_LOGISTICS },
    { "餐饮", false, 10, 0, NK_FOOD },
    { "银行", true, 35, -50, NK_BANK },
    { "保险", true, 30, 0, NK_INSURER },
    { "律师事务所", true, 15, -100, NK_LAW },
    { "广告公关", true, 20, 50, NK_AD },
};

static const char *const surnames[] = { "王", "李", "张", "刘", "陈",
                                        "杨", "黄", "赵", "吴", "周",
                                        "徐", "孙", "马", "朱", "胡",
                                        "郭", "何", "高", "林", "罗" };
static const char *const given_names[] = {
    "伟",   "芳",   "娜", "敏", "静", "丽",   "强",   "磊",
    "军",   "洋",   "勇", "艳", "杰", "娟",   "涛",   "明",
    "超",   "秀英", "霞", "平", "刚", "桂英", "建华", "志强",
    "晓燕", "海燕", "文", "斌", "宇", "婷",   "国庆", "红梅"
};
static const char *const banks[] = { "中国工商银行", "中国建设银行",
                                     "中国农业银行", "中国银行",
                                     "交通银行",     "招商银行",
                                     "兴业银行",     "浦发银行" };
static const char *const bank_branches[] = { "分行", "城东支行", "城西支行",
                                             "高新支行", "营业部" };
static const char *const insurers[] = { "中国人寿", "平安保险", "太平洋保险",
                                        "新华保险", "泰康保险", "中国人保" };
static const char *const insurer_branches[] = { "分公司", "中心支公司" };
static const char *const law_names[] = { "金诚", "中正", "君安", "德信",
                                         "明理", "天平", "正源" };
static const char *const law_suffix[] = { "律师事务所" };
static const char *const ad_names[] = { "蓝海", "星辰", "新视界", "远景",
                                        "创意", "九州", "华美" };
static const char *const ad_suffix[] = { "广告有限公司", "公关顾问有限公司",
                                         "文化传媒有限公司" };
static const char *const retail_names[] = { "百家", "惠民",   "万家",
                                            "佳佳", "好又多", "联华" };
static const char *const retail_suffix[] = { "超市", "商贸有限公司", "便利店" };
static const char *const maker_names[] = { "宏达", "华兴", "精工",
                                           "恒通", "鼎盛", "长城" };
static const char *const maker_suffix[] = { "机械制造有限公司",
                                            "电子科技有限公司",
                                            "实业有限公司" };
static const char *const logistics_names[] = { "顺达", "通达", "快捷", "远航",
                                               "安达" };
static const char *const logistics_suffix[] = { "物流有限公司",
                                                "货运有限公司" };
static const char *const food_names[] = { "福满楼", "川香阁", "江南人家",
                                          "好再来", "一品鲜" };
static const char *const food_suffix[] = { "餐饮有限公司", "酒家", "饭店" };
static const char *const dealer_names[] = { "鑫源", "盛世", "永兴", "金信",
                                            "华信" };
static const char *const dealer_suffix[] = { "通信器材经销部",
                                             "手机销售有限公司", "通讯连锁店" };

struct customer {
    char id[16];
    char name[160];
    char phone[16];
    const char *type;
    const struct region *reg;
    const struct industry *ind;
    int64_t latent; /* milli-points: how satisfied this customer is */
};

static void name_of(struct rng *r, enum name_kind kind, const char *city,
                    char *dst, size_t cap)
{
    const char *const *a = NULL;
    const char *const *b = NULL;
    size_t na = 0;
    size_t nb = 0;

    dst[0] = '\0';
    switch (kind) {
    case NK_PERSON:
        append(dst, cap, rng_str(r, surnames, ARRAY_SIZE(surnames)));
        append(dst, cap, rng_str(r, given_names, ARRAY_SIZE(given_names)));
        return;
    case NK_BANK:
        append(dst, cap, rng_str(r, banks, ARRAY_SIZE(banks)));
        append(dst, cap, city);
        append(dst, cap, rng_str(r, bank_branches, ARRAY_SIZE(bank_branches)));
        return;
    case NK_INSURER:
        append(dst, cap, rng_str(r, insurers, ARRAY_SIZE(insurers)));
        append(dst, cap, city);
        append(dst, cap,
               rng_str(r, insurer_branches, ARRAY_SIZE(insurer_branches)));
        return;
    case NK_LAW:
        a = law_names, na = ARRAY_SIZE(law_names);
        b = law_suffix, nb = ARRAY_SIZE(law_suffix);
        break;
    case NK_AD:
        a = ad_names, na = ARRAY_SIZE(ad_names);
        b = ad_suffix, nb = ARRAY_SIZE(ad_suffix);
        break;
    case NK_RETAIL:
        a = retail_names, na = ARRAY_SIZE(retail_names);
        b = retail_suffix, nb = ARRAY_SIZE(retail_suffix);
        break;
    case NK_MAKER:
        a = maker_names, na = ARRAY_SIZE(maker_names);
        b = maker_suffix, nb = ARRAY_SIZE(maker_suffix);
        break;
    case NK_LOGISTICS:
        a = logistics_names, na = ARRAY_SIZE(logistics_names);
        b = logistics_suffix, nb = ARRAY_SIZE(logistics_suffix);
        break;
    case NK_FOOD:
        a = food_names, na = ARRAY_SIZE(food_names);
        b = food_suffix, nb = ARRAY_SIZE(food_suffix);
        break;
    case NK_DEALER:
        a = dealer_names, na = ARRAY_SIZE(dealer_names);
        b = dealer_suffix, nb = ARRAY_SIZE(dealer_suffix);
        break;
    }
    append(dst, cap, city);
    append(dst, cap, rng_str(r, a, na));
    append(dst, cap, rng_str(r, b, nb));
}

/* Customer number @k (< 1,000,000) of the population drawn with @seed. */
static void customer_make(struct customer *c, uint64_t seed, uint32_t k)
{
    struct rng r;
    int w[ARRAY_SIZE(industries)];
    int rw[ARRAY_SIZE(regions)];
    bool special;
    const char *city;

    rng_seed(&r, seed ^ (UINT64_C(0xd1b54a32d192ed03) * (k + 1)));
    /* k -> a 6-digit number, a bijection on 0..999999 */
    snprintf(c->id, sizeof(c->id), "KH%06" PRIu32,
             (uint32_t)(((uint64_t)k * 7919 + 104729) % 1000000));
    special = rng_ppm(&r, 250000);
    c->type = special ? "特殊客户" : "一般客户";
    for (size_t i = 0; i < ARRAY_SIZE(industries); i++)
        w[i] = industries[i].special == special ? industries[i].weight : 0;
    c->ind = &industries[rng_pick(&r, w, ARRAY_SIZE(w))];
    for (size_t i = 0; i < ARRAY_SIZE(regions); i++)
        rw[i] = regions[i].weight;
    c->reg = &regions[rng_pick(&r, rw, ARRAY_SIZE(rw))];
    city = rng_str(&r, c->reg->cities, c->reg->ncities);
    name_of(&r, c->ind->kind, city, c->name, sizeof(c->name));
    if (rng_ppm(&r, 40000)) {
        c->phone[0] = '\0';
    } else {
        static const int pw[] = { 30, 2, 25, 3, 8, 25, 7 }; /* 13x..19x */
        /* separate statements: argument order is unspecified in C */
        size_t second = 3 + rng_pick(&r, pw, ARRAY_SIZE(pw));
        uint32_t rest = rng_below(&r, 1000000000);

        snprintf(c->phone, sizeof(c->phone), "1%zu%09" PRIu32, second, rest);
    }
    c->latent = rng_normal(&r, 450);
}

/* ------------------------------------------------------------------------ */
/* Comments                                                                  */
/* ------------------------------------------------------------------------ */

enum category {
    CAT_PRAISE,
    CAT_SUGGEST,
    CAT_PRICE,
    CAT_NETWORK,
    CAT_BILLING,
    CAT_SERVICE,
    CAT_PROCESS,
    CAT_COUNT
};

static const char *const praise[] = {
    "服务态度很好，值得表扬",
    "营业厅工作人员很耐心，点赞",
    "客户经理响应及时，问题当天就解决了",
    "网络信号稳定，用着放心",
    "整体服务不错，继续保持",
    "装机师傅很专业，服务周到",
    "热线接通很快，客服解释得很清楚",
    "多年的老客户了，一直很信任贵公司",
    "账单清楚明白，没有乱收费",
    "投诉后很快有人回访，处理结果满意",
};
static const char *const suggest[] = {
    "建议增加营业厅的营业时间", "建议推出更多适合企业的套餐",
    "建议增加夜间客服人手",     "希望资费说明再简单明了一些",
    "建议账单增加明细查询功能", "建议加强偏远地区的网络覆盖",
    "希望推出老用户优惠",       "建议手机营业厅增加更多业务办理功能",
    "建议定期回访大客户",       "建议增加上门服务",
};
static const char *const price_c[] = {
    "套餐价格偏高",
    "资费比同行贵",
    "流量套餐太贵，性价比不高",
    "老用户反而没有新用户优惠多",
    "套餐内容不透明，有隐性收费",
    "国际漫游费用太高",
};
static const char *const network_c[] = {
    "信号差、经常掉线",       "地下室和电梯里没有信号",
    "上网速度慢，高峰期卡顿", "宽带经常断网，报修后仍未解决",
    "通话质量差，有杂音",     "新办公区网络一直没有覆盖",
};
static const char *const billing_c[] = {
    "账单多扣费",         "话费账单与实际使用不符",
    "扣费不明，查询困难", "退订业务后仍在扣费",
    "发票开具不及时",     "被开通了没有申请的增值业务",
};
static const char *const service_c[] = {
    "客服态度恶劣，承诺未兑现",     "营业员业务不熟练，解释前后矛盾",
    "上门服务迟到，也没有提前通知", "承诺的优惠一直没有到账",
    "客服答非所问，互相推诿",       "客户经理换了好几次，没人跟进",
};
static const char *const process_c[] = {
    "办理流程繁琐，排队时间太长，多次转接",
    "热线难以接通，等待时间过长",
    "投诉后迟迟没有回复",
    "同一个问题要重复说明好几次",
    "办一项业务要跑好几个营业厅",
    "投诉处理结果不满意，也没有回访",
    "过户手续太复杂，材料要求不清楚",
};

struct pool {
    const char *const *v;
    size_t n;
};

static const struct pool pools[CAT_COUNT] = {
    [CAT_PRAISE] = { praise, ARRAY_SIZE(praise) },
    [CAT_SUGGEST] = { suggest, ARRAY_SIZE(suggest) },
    [CAT_PRICE] = { price_c, ARRAY_SIZE(price_c) },
    [CAT_NETWORK] = { network_c, ARRAY_SIZE(network_c) },
    [CAT_BILLING] = { billing_c, ARRAY_SIZE(billing_c) },
    [CAT_SERVICE] = { service_c, ARRAY_SIZE(service_c) },
    [CAT_PROCESS] = { process_c, ARRAY_SIZE(process_c) },
};

/* Texts that exercise quoting, escaping and formula guards downstream, by
 * tone: praise, suggestion, complaint. */
static const char *const quoted_c[3][3] = {
    { "营业员说\"有问题随时找我\"，很贴心",
      "客户经理说\"十分钟办好\"，果然很快就办完了",
      "热线说\"当天修复\"，确实当天就修好了" },
    { "希望推出类似\"家庭共享\"的流量包", "建议把\"账单解读\"做成短视频",
      "能否增加\"一键转人工\"功能" },
    { "客服说\"三天内解决\"，结果至今没有消息",
      "所谓\"不限量\"套餐，超过后就限速",
      "营业员说\"马上办好\"，等了一个多小时" },
};
static const char *const cn_quoted_c[3] = {
    "真正做到了“有求必应”",
    "希望“一站式服务”名副其实",
    "宣传的“免费升级”实际要收费",
};
static const char *const formula_prefix[] = {
    "=_= ", "-_-|| ", "--", "+1 ", "@客户经理 ", "-", "=",
};
static const char *const markup_suffix[3] = {
    "（A&B融合套餐用户）",
    "（A&B融合套餐）",
    "<急>",
};

/* One comment of @cat (and, when @cat2 >= 0, a second phrase of @cat2). */
static void comment_make(struct rng *r, int cat, int cat2, char *dst,
                         size_t cap)
{
    static const char *const seps[] = { "，", "，", "；", "。" };
    uint32_t sp = rng_below(r, 1000);
    const char *first = rng_str(r, pools[cat].v, pools[cat].n);
    const char *second = NULL;
    int tone = cat == CAT_PRAISE ? 0 : cat == CAT_SUGGEST ? 1 : 2;

    dst[0] = '\0';
    if (sp < 45 && cat2 < 0)
        cat2 = CAT_SUGGEST; /* comma and newline variants need two parts */
    if (cat2 >= 0) {
        second = rng_str(r, pools[cat2].v, pools[cat2].n);
        if (second == first)
            second = NULL;
    }
    if (sp >= 68 && sp < 80)
        append(dst, cap,
               rng_str(r, formula_prefix, ARRAY_SIZE(formula_prefix)));
    append(dst, cap, first);
    if (second) {
        if (sp < 25)
            append(dst, cap, ", ");
        else if (sp < 45)
            append(dst, cap, "\n");
        else
            append(dst, cap, rng_str(r, seps, ARRAY_SIZE(seps)));
        append(dst, cap, second);
    }
    if (sp >= 45 && sp < 60) {
        append(dst, cap, "，");
        append(dst, cap, rng_str(r, quoted_c[tone], ARRAY_SIZE(quoted_c[0])));
    } else if (sp >= 60 && sp < 68) {
        append(dst, cap, "，");
        append(dst, cap, cn_quoted_c[tone]);
    } else if (sp >= 80 && sp < 86) {
        append(dst, cap, markup_suffix[tone]);
    }
    if (rng_ppm(r, 300000))
        append(dst, cap, "。");
}

/* ------------------------------------------------------------------------ */
/* The response model                                                        */
/* ------------------------------------------------------------------------ */

struct dim {
    int first;      /* index of its first item (0 = Q1) */
    int count;      /* number of items */
    int base;       /* mean latent score, milli-points */
    int special;    /* added for 特殊客户 */
    int importance; /* weight in the overall score, per mille */
};

/* service, price, product, company, complaint */
static const struct dim dims[NDIMS] = {
    { 0, 5, 4400, -100, 300 },  { 5, 4, 3600, 150, 150 },
    { 9, 4, 4050, -120, 350 },  { 13, 4, 4230, 0, 100 },
    { 17, 4, 3900, -200, 100 },
};

static const int item_offset[NITEMS] = {
    100,  0,    -150, 50,   -50, /* service */
    -250, 100,  100,  -100,      /* price */
    -150, -100, 100,  50,        /* product */
    100,  0,    -100, 0,         /* company */
    100,  -100, -100, 50,        /* complaint */
};

static const int month_days[12] = { 31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31 };

enum emit {
    EMIT_AUTO,  /* per the form's XML style */
    EMIT_EMPTY, /* XML: present and empty even if the style omits */
    EMIT_OMIT   /* XML: no element at all */
};

#define VAL_CAP  768
#define MAX_PROB 4

struct form {
    char v[S_COUNT][VAL_CAP];
    enum emit emit[S_COUNT];
    char interviewer[16];
    int cell_delta;         /* CSV: +1 an extra cell, -1 one cell short */
    const char *extra_id;   /* XML: an unknown <field>, or NULL */
    const char *extra_text; /* its text */
    int xml_style;          /* missing answers: 0 <a></a>, 1 <a/>, 2 left out */
    bool out_of_period;
    int nprob;
    const char *prob[MAX_PROB]; /* field at fault per problem, "" row-level */
};

struct gen {
    struct rng rng;
    uint64_t seed;
    uint32_t ncust;
};

static void setv(struct form *f, int s, const char *v)
{
    snprintf(f->v[s], VAL_CAP, "%s", v);
}

static int clamp_round(int64_t milli, int lo, int hi)
{
    int64_t x = milli + 500;
    int64_t s = x >= 0 ? x / 1000 : -((-x + 999) / 1000);

    if (s < lo)
        s = lo;
    if (s > hi)
        s = hi;
    return (int)s;
}

/* How a form writes its scores: mostly digits, some all labels (exported
 * from a tool that writes texts), some full-width digits (typed on a
 * Chinese input method). */
enum score_mode { SM_DIGITS, SM_LABELS, SM_FULLWIDTH };

static void number_text(char *dst, size_t cap, int n, bool fullwidth)
{
    char ascii[8];

    snprintf(ascii, sizeof(ascii), "%d", n);
    dst[0] = '\0';
    for (const char *p = ascii; *p; p++) {
        char one[4];

        if (fullwidth) {
            /* U+FF10 + digit = EF BC 90+d */
            one[0] = (char)0xEF;
            one[1] = (char)0xBC;
            one[2] = (char)(0x90 + (*p - '0'));
            one[3] = '\0';
        } else {
            one[0] = *p;
            one[1] = '\0';
        }
        append(dst, cap, one);
    }
}

static void sat5_text(struct rng *r, enum score_mode mode, int score, char *dst,
                      size_t cap)
{
    uint32_t x = rng_below(r, 1000);
    bool label = mode == SM_LABELS ? x < 980 : x < 10;
    bool fullwidth = mode == SM_FULLWIDTH ? x < 950 : x >= 990;

    if (label)
        snprintf(dst, cap, "%s", sat5_labels[score - 1]);
    else
        number_text(dst, cap, score, fullwidth);
    if (rng_ppm(r, 3000)) {
        /* stray spaces around the value (NFKC + trim make it valid) */
        char tmp[64];

        snprintf(tmp, sizeof(tmp), "%s%s ", rng_ppm(r, 500000) ? "　" : " ",
                 dst);
        snprintf(dst, cap, "%s", tmp);
    }
}

static void choice_text(char *dst, size_t cap, const int *opts, int n,
                        const char *const *labels, bool as_labels,
                        const char *sep)
{
    dst[0] = '\0';
    for (int i = 0; i < n; i++) {
        char num[8];

        if (i)
            append(dst, cap, sep);
        if (as_labels) {
            append(dst, cap, labels[opts[i] - 1]);
        } else {
            snprintf(num, sizeof(num), "%d", opts[i]);
            append(dst, cap, num);
        }
    }
}

static int64_t pos_weight(int64_t w, int64_t floor)
{
    return w < floor ? floor : w;
}

static void form_reset(struct form *f)
{
    for (int s = 0; s < S_COUNT; s++) {
        f->v[s][0] = '\0';
        f->emit[s] = EMIT_AUTO;
    }
    f->interviewer[0] = '\0';
    f->cell_delta = 0;
    f->extra_id = NULL;
    f->extra_text = NULL;
    f->xml_style = 0;
    f->out_of_period = false;
    f->nprob = 0;
}

static void form_id_text(char *dst, size_t cap, long seq)
{
    snprintf(dst, cap, "F2026%06ld", seq);
}

/* Fill @f with a good form numbered @seq; @allow_oop lets it be dated
 * before the period (2025-12). */
static void form_generate(struct gen *g, long seq, bool allow_oop,
                          struct form *f)
{
    struct rng *r = &g->rng;
    struct customer c;
    int64_t dlat[NDIMS];
    int64_t common;
    int64_t month_effect;
    int64_t ox = 0;
    int64_t mean = 0;
    enum score_mode mode;
    uint32_t x;

    form_reset(f);
    form_id_text(f->v[S_FORM_ID], VAL_CAP, seq);
    customer_make(&c, g->seed, rng_below(r, g->ncust));
    setv(f, S_CUSTOMER_ID, c.id);
    setv(f, S_CUSTOMER_NAME, c.name);
    setv(f, S_CUSTOMER_TYPE, c.type);
    setv(f, S_REGION, c.reg->name);
    setv(f, S_INDUSTRY, c.ind->name);
    setv(f, S_PHONE, c.phone);
    snprintf(f->interviewer, sizeof(f->interviewer), "访员%02" PRIu32,
             1 + rng_below(r, 24));

    if (allow_oop && rng_ppm(r, 10000)) {
        f->out_of_period = true;
        snprintf(f->v[S_SURVEY_DATE], VAL_CAP, "2025-12-%02" PRIu32,
                 1 + rng_below(r, 31));
        month_effect = -100;
    } else {
        int doy = (int)rng_below(r, 365);
        int m = 0;

        while (doy >= month_days[m])
            doy -= month_days[m++];
        snprintf(f->v[S_SURVEY_DATE], VAL_CAP, "2026-%02d-%02d", m + 1,
                 doy + 1);
        month_effect = (int64_t)((m + 1) * 2 - 13) * 8; /* slow improvement */
    }

    x = rng_below(r, 1000);
    mode = x < 900 ? SM_DIGITS : x < 970 ? SM_LABELS : SM_FULLWIDTH;
    f->xml_style = (int)rng_below(r, 3);

    common = c.latent + rng_normal(r, 200) + c.reg->effect + c.ind->effect +
             month_effect;
    for (int d = 0; d < NDIMS; d++) {
        dlat[d] = dims[d].base + (c.ind->special ? dims[d].special : 0) +
                  common + rng_normal(r, 300);
        ox += dlat[d] * dims[d].importance;
        mean += dlat[d];
        for (int i = dims[d].first; i < dims[d].first + dims[d].count; i++) {
            int64_t v = dlat[d] + item_offset[i] + rng_normal(r, 500);
            uint32_t miss = rng_below(r, 1000000);
            uint32_t na = d == 4 ? 30000 : 6000;

            if (miss < 30000)
                continue; /* empty */
            if (miss < 30000 + na) {
                setv(f, S_Q1 + i, MISSING_LABEL);
                continue;
            }
            sat5_text(r, mode, clamp_round(v, 1, 5), f->v[S_Q1 + i], VAL_CAP);
        }
    }
    ox = ox / 1000 + rng_normal(r, 350);
    mean /= NDIMS;

    x = rng_below(r, 1000);
    if (x >= 13) {
        sat5_text(r, mode, clamp_round(ox, 1, 5), f->v[S_OVERALL], VAL_CAP);
    } else if (x >= 10) {
        setv(f, S_OVERALL, MISSING_LABEL);
    }
    if (!rng_ppm(r, 20000)) {
        int64_t rx = (ox - 1000) * 23 / 10 + 700 + rng_normal(r, 1100);

        number_text(f->v[S_RECOMMEND], VAL_CAP, clamp_round(rx, 0, 10),
                    mode == SM_FULLWIDTH || rng_ppm(r, 8000));
    }

    /* plan: single choice, by kind of customer */
    if (!rng_ppm(r, 20000)) {
        int opt;

        x = rng_below(r, 100);
        if (c.ind->kind == NK_PERSON)
            opt = x < 65 ? 1 : 2;
        else
            opt = x < 85 ? 3 : x < 95 ? 1 : 2;
        choice_text(f->v[S_PLAN], VAL_CAP, &opt, 1, plan_labels,
                    rng_ppm(r, 50000), ";");
    }

    /* improve: 1-3 options, drawn towards the weakest dimensions */
    if (!rng_ppm(r, 60000)) {
        static const int option_dim[4] = { 2, 1, 0, 4 };
        static const char *const seps[] = { ";", "┋", "," };
        int w[4];
        int opts[3];
        int n;
        int chosen = 0;
        int k = 0;

        x = rng_below(r, 100);
        n = x < 55 ? 1 : x < 88 ? 2 : 3;
        for (int o = 0; o < 4; o++)
            w[o] = (int)pos_weight(4700 - dlat[option_dim[o]], 150);
        for (int i = 0; i < n; i++) {
            size_t o = rng_pick(r, w, 4);

            chosen |= 1 << o;
            w[o] = 0;
        }
        for (int o = 0; o < 4; o++) {
            if (chosen & (1 << o))
                opts[k++] = o + 1;
        }
        x = rng_below(r, 100);
        choice_text(f->v[S_IMPROVE], VAL_CAP, opts, k, improve_labels,
                    rng_ppm(r, 50000),
                    seps[x < 85   ? 0
                         : x < 95 ? 1
                                  : 2]);
    }

    /* C1 (opinions and suggestions) */
    if (rng_ppm(r, 520000)) {
        int cat;
        int cat2 = -1;

        x = rng_below(r, 100);
        if (mean >= 4300)
            cat = x < 65 ? CAT_PRAISE : CAT_SUGGEST;
        else if (mean >= 3700)
            cat = x < 25 ? CAT_PRAISE : x < 85 ? CAT_SUGGEST : CAT_PRICE;
        else
            cat = x < 50 ? CAT_SUGGEST : CAT_SERVICE;
        if (rng_ppm(r, 300000))
            cat2 = CAT_SUGGEST;
        comment_make(r, cat, cat2, f->v[S_C1], VAL_CAP);
    }

    /* C2 (problems and complaints): likelier the less satisfied */
    {
        int64_t p = (4700 - mean) * 400;

        if (p < 80000)
            p = 80000;
        if (p > 850000)
            p = 850000;
        if (rng_ppm(r, (uint32_t)p)) {
            int w[5];
            static const int cats[5] = { CAT_PRICE, CAT_NETWORK, CAT_BILLING,
                                         CAT_SERVICE, CAT_PROCESS };
            int cat;
            int cat2 = -1;

            w[0] = (int)pos_weight(4600 - dlat[1], 100);
            w[1] = (int)pos_weight(4600 - dlat[2], 100);
            w[2] = (int)pos_weight((4600 - dlat[2]) / 2, 50);
            w[3] = (int)pos_weight(4600 - dlat[0], 100);
            w[4] = (int)pos_weight(4600 - dlat[4], 100);
            cat = cats[rng_pick(r, w, 5)];
            if (rng_ppm(r, 300000))
                cat2 = cats[rng_pick(r, w, 5)];
            comment_make(r, cat, cat2, f->v[S_C2], VAL_CAP);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Bad forms                                                                 */
/* ------------------------------------------------------------------------ */

enum inj_kind {
    INJ_SET,   /* set a slot's value: a problem at that slot */
    INJ_OMIT,  /* XML: leave the element out: a problem at that slot */
    INJ_DUP,   /* reuse an earlier form's id: a problem at form_id */
    INJ_CELLS, /* CSV: one cell too many ("+") or too few: row-level */
    INJ_FIELD, /* XML: an unknown <field id=value>: a problem at value */
    INJ_TEXT   /* set a slot's (valid) value: no problem */
};

struct inj {
    int file;
    int pos;
    enum inj_kind kind;
    int slot;
    const char *value;
    int ref_file; /* INJ_DUP: where the first form with the id is */
    int ref_pos;
};

static void add_problem(struct form *f, const char *field)
{
    if (f->nprob < MAX_PROB)
        f->prob[f->nprob++] = field;
}

/* Apply @in to @f; @dup_id is the id INJ_DUP copies; @qslot the item for
 * SLOT_ANY_Q. */
static void inject(struct form *f, const struct inj *in, const char *dup_id,
                   int qslot)
{
    int slot = in->slot == SLOT_ANY_Q ? qslot : in->slot;

    switch (in->kind) {
    case INJ_SET:
        setv(f, slot, in->value);
        f->emit[slot] = EMIT_EMPTY;
        add_problem(f, slot_ids[slot]);
        break;
    case INJ_OMIT:
        f->v[slot][0] = '\0';
        f->emit[slot] = EMIT_OMIT;
        add_problem(f, slot_ids[slot]);
        break;
    case INJ_DUP:
        setv(f, S_FORM_ID, dup_id);
        add_problem(f, "form_id");
        break;
    case INJ_CELLS:
        f->cell_delta = in->value[0] == '+' ? 1 : -1;
        add_problem(f, "");
        break;
    case INJ_FIELD:
        f->extra_id = in->value;
        f->extra_text =
            strcmp(in->value, "fax") ? "service@example.com" : "0571-88886666";
        add_problem(f, in->value);
        break;
    case INJ_TEXT:
        setv(f, slot, in->value);
        break;
    }
}

/* ------------------------------------------------------------------------ */
/* Output files                                                              */
/* ------------------------------------------------------------------------ */

struct out {
    FILE *fp;
    const char *path;
    const char *base; /* basename, for the manifest */
    long line;        /* line number of the next byte written */
    bool gbk;
    bool crlf;
    iconv_t cd;
    char *conv;
    size_t conv_cap;
};

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

static int out_open(struct out *o, const char *path, bool gbk, bool crlf)
{
    memset(o, 0, sizeof(*o));
    o->path = path;
    o->base = base_name(path);
    o->line = 1;
    o->gbk = gbk;
    o->crlf = crlf;
    o->cd = (iconv_t)-1;
    if (gbk) {
        o->cd = iconv_open("GBK", "UTF-8");
        if (o->cd == (iconv_t)-1) {
            fprintf(stderr, "gen_forms: cannot convert to 'GBK': %s\n",
                    strerror(errno));
            return -1;
        }
    }
    o->fp = fopen(path, "wb");
    if (!o->fp) {
        fprintf(stderr, "gen_forms: cannot open '%s': %s\n", path,
                strerror(errno));
        if (gbk)
            iconv_close(o->cd);
        return -1;
    }
    setvbuf(o->fp, NULL, _IOFBF, 1 << 20);
    return 0;
}

/* Write the UTF-8 text in @b (converted when the file is GBK), counting
 * lines; @b is emptied. */
static int out_write(struct out *o, struct sbuf *b)
{
    const char *p = b->p;
    const char *end = b->p + b->len;
    int rc = 0;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));

        if (!nl)
            break;
        o->line++;
        p = nl + 1;
    }
    if (!o->gbk) {
        if (b->len && fwrite(b->p, 1, b->len, o->fp) != b->len)
            rc = -1;
    } else if (b->len) {
        char *in = b->p;
        size_t inleft = b->len;
        char *outp;
        size_t outleft;

        if (o->conv_cap < b->len + 16) {
            char *n = realloc(o->conv, b->len + 16);

            if (!n)
                die_nomem();
            o->conv = n;
            o->conv_cap = b->len + 16;
        }
        outp = o->conv;
        outleft = o->conv_cap;
        if (iconv(o->cd, &in, &inleft, &outp, &outleft) == (size_t)-1) {
            fprintf(stderr, "gen_forms: text not encodable in GBK: '%s': %s\n",
                    o->path, strerror(errno));
            return -1;
        }
        if (fwrite(o->conv, 1, (size_t)(outp - o->conv), o->fp) !=
            (size_t)(outp - o->conv))
            rc = -1;
    }
    if (rc)
        fprintf(stderr, "gen_forms: cannot write '%s': %s\n", o->path,
                strerror(errno));
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
    return rc;
}

static int out_close(struct out *o)
{
    int rc = 0;

    if (o->fp && (ferror(o->fp) || fclose(o->fp))) {
        fprintf(stderr, "gen_forms: cannot write '%s': %s\n", o->path,
                strerror(errno));
        rc = -1;
    }
    o->fp = NULL;
    if (o->gbk && o->cd != (iconv_t)-1)
        iconv_close(o->cd);
    free(o->conv);
    o->conv = NULL;
    return rc;
}

/* CSV column layouts */
struct layout {
    int col[S_COUNT + 1];
    int n;
};

static void layout_template(struct layout *l)
{
    l->n = 0;
    for (int s = 0; s < S_COUNT; s++)
        l->col[l->n++] = s;
}

/* Another order, with an extra column the template does not know. */
static void layout_mixed(struct layout *l)
{
    static const int head[] = {
        S_FORM_ID,       S_SURVEY_DATE, S_CUSTOMER_ID, S_CUSTOMER_NAME,
        S_CUSTOMER_TYPE, S_INDUSTRY,    S_REGION,      S_PHONE,
        COL_INTERVIEWER, S_OVERALL,     S_RECOMMEND
    };

    l->n = 0;
    for (size_t i = 0; i < ARRAY_SIZE(head); i++)
        l->col[l->n++] = head[i];
    for (int i = 0; i < NITEMS; i++)
        l->col[l->n++] = S_Q1 + i;
    l->col[l->n++] = S_IMPROVE;
    l->col[l->n++] = S_PLAN;
    l->col[l->n++] = S_C2;
    l->col[l->n++] = S_C1;
}

static void csv_header(struct sbuf *b, const struct layout *l, bool crlf)
{
    for (int i = 0; i < l->n; i++) {
        if (i)
            sb_add(b, ",", 1);
        sb_puts(b, l->col[i] == COL_INTERVIEWER ? "interviewer"
                                                : slot_ids[l->col[i]]);
    }
    sb_puts(b, crlf ? "\r\n" : "\n");
}

static void csv_row(struct sbuf *b, const struct layout *l,
                    const struct form *f, bool crlf)
{
    int n = l->n + (f->cell_delta < 0 ? -1 : 0);

    for (int i = 0; i < n; i++) {
        if (i)
            sb_add(b, ",", 1);
        sb_csv(b,
               l->col[i] == COL_INTERVIEWER ? f->interviewer : f->v[l->col[i]]);
    }
    if (f->cell_delta > 0)
        sb_puts(b, ",补充说明");
    sb_puts(b, crlf ? "\r\n" : "\n");
}

static void xml_elem(struct sbuf *b, const struct form *f, int s,
                     const char *tag, const char *attr)
{
    const char *v = f->v[s];

    if (f->emit[s] == EMIT_OMIT)
        return;
    if (!*v && f->emit[s] == EMIT_AUTO && f->xml_style == 2)
        return;
    sb_puts(b, "    <");
    sb_puts(b, tag);
    sb_puts(b, " ");
    sb_puts(b, attr);
    sb_puts(b, "=\"");
    sb_puts(b, slot_ids[s]);
    if (!*v && f->emit[s] == EMIT_AUTO && f->xml_style == 1) {
        sb_puts(b, "\"/>\n");
        return;
    }
    sb_puts(b, "\">");
    sb_xml(b, v);
    sb_puts(b, "</");
    sb_puts(b, tag);
    sb_puts(b, ">\n");
}

static void xml_form(struct sbuf *b, const struct form *f)
{
    sb_puts(b, "  <form>\n");
    for (int s = 0; s < NFIELDS; s++) {
        xml_elem(b, f, s, "field", "id");
        if (s == S_CUSTOMER_ID && f->extra_id) {
            sb_puts(b, "    <field id=\"");
            sb_puts(b, f->extra_id);
            sb_puts(b, "\">");
            sb_xml(b, f->extra_text);
            sb_puts(b, "</field>\n");
        }
    }
    for (int s = S_Q1; s <= S_IMPROVE; s++)
        xml_elem(b, f, s, "answer", "item");
    xml_elem(b, f, S_C1, "comment", "item");
    xml_elem(b, f, S_C2, "comment", "item");
    sb_puts(b, "  </form>\n");
}

static const char xml_head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<forms survey=\"csat\">\n";
static const char xml_tail[] = "</forms>\n";

/* ------------------------------------------------------------------------ */
/* Tally and manifest                                                        */
/* ------------------------------------------------------------------------ */

struct tally {
    long read;
    long refused;
    long out_of_period;
    long problems;
    FILE *manifest; /* may be NULL */
};

static void manifest_cell(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', fp);
        fputc(*p, fp);
    }
    fputc('"', fp);
}

static void tally_form(struct tally *t, const char *file, long line,
                       const struct form *f)
{
    t->read++;
    if (f->nprob) {
        t->refused++;
    } else if (f->out_of_period) {
        t->out_of_period++;
    }
    for (int i = 0; i < f->nprob; i++) {
        t->problems++;
        if (!t->manifest)
            continue;
        manifest_cell(t->manifest, file);
        fprintf(t->manifest, ",%ld,", line);
        manifest_cell(t->manifest, f->v[S_FORM_ID]);
        fputc(',', t->manifest);
        manifest_cell(t->manifest, f->prob[i]);
        fputc('\n', t->manifest);
    }
}

static int write_counts(const char *path, const struct tally *t)
{
    FILE *fp = fopen(path, "w");

    if (!fp) {
        fprintf(stderr, "gen_forms: cannot open '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    fprintf(fp, "read=%ld\naccepted=%ld\nrefused=%ld\nout_of_period=%ld\n",
            t->read, t->read - t->refused - t->out_of_period, t->refused,
            t->out_of_period);
    if (fclose(fp)) {
        fprintf(stderr, "gen_forms: cannot write '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    return 0;
}

static FILE *manifest_open(const char *path)
{
    FILE *fp;

    if (!path)
        return NULL;
    fp = fopen(path, "w");
    if (!fp) {
        fprintf(stderr, "gen_forms: cannot open '%s': %s\n", path,
                strerror(errno));
        return NULL;
    }
    fputs("file,line,form_id,field\n", fp);
    return fp;
}

static int manifest_close(FILE *fp, const char *path)
{
    if (fp && (ferror(fp) || fclose(fp))) {
        fprintf(stderr, "gen_forms: cannot write '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* --example DIR                                                             */
/* ------------------------------------------------------------------------ */

enum efile { EF_GBK, EF_UTF8, EF_SINGLE, EF_BATCH, EF_COUNT };

static const int ef_forms[EF_COUNT] = { 500, 900, 20, 580 };

#define EXAMPLE_SEED  UINT64_C(20260101)
#define EXAMPLE_CUSTS 1700
/* the example's customer archive: the forms' 1,700 customers (every 40th
 * left out) and 300 more who did not answer, in DIR/archive/ so that the
 * example pipeline's *.csv does not take it for forms */
#define EXAMPLE_ARCHIVE_CUSTS 2000
#define EXAMPLE_ARCHIVE       "archive/customers.csv"

static int write_archive(const char *path, uint64_t seed, long n, bool gbk,
                         bool bom);

/* Sequence number (1-based, global) of form @pos of file @file. */
static long ef_seq(int file, int pos)
{
    long seq = pos + 1;

    for (int i = 0; i < file; i++)
        seq += ef_forms[i];
    return seq;
}

/* What is wrong with which form.  The first occurrence of every duplicated
 * id is a good, in-period form, except G301 (refused for its phone). */
static const struct inj example_plan[] = {
    /* survey_gbk.csv */
    { EF_GBK, 12, INJ_SET, S_FORM_ID, "", 0, 0 },
    { EF_GBK, 47, INJ_TEXT, S_C1, "营业厅排队太久\n希望增加窗口", 0, 0 },
    { EF_GBK, 47, INJ_SET, S_CUSTOMER_ID, "KH12345", 0, 0 },
    { EF_GBK, 88, INJ_SET, S_Q1 + 3, "6", 0, 0 },
    { EF_GBK, 130, INJ_SET, S_SURVEY_DATE, "2026-02-30", 0, 0 },
    { EF_GBK, 171, INJ_SET, S_PLAN, "7", 0, 0 },
    { EF_GBK, 260, INJ_SET, S_RECOMMEND, "11", 0, 0 },
    { EF_GBK, 301, INJ_SET, S_PHONE, "12345678901", 0, 0 },
    { EF_GBK, 333, INJ_DUP, S_FORM_ID, NULL, EF_GBK, 301 },
    { EF_GBK, 377, INJ_SET, S_Q1 + 8, "很好", 0, 0 },
    { EF_GBK, 420, INJ_SET, S_IMPROVE, "2;5", 0, 0 },
    { EF_GBK, 466, INJ_SET, S_SURVEY_DATE, "15.03.2026", 0, 0 },
    { EF_GBK, 490, INJ_SET, S_Q1 + 14, "3.5", 0, 0 },
    /* survey_utf8.csv */
    { EF_UTF8, 5, INJ_CELLS, -1, "+", 0, 0 },
    { EF_UTF8, 40, INJ_TEXT, S_C2, "客服说\"三天内解决\"，\n结果一个月都没消息",
      0, 0 },
    { EF_UTF8, 40, INJ_SET, S_CUSTOMER_ID, "", 0, 0 },
    { EF_UTF8, 76, INJ_TEXT, S_C1, "第一，信号差\n第二，资费贵\n第三，排队久",
      0, 0 },
    { EF_UTF8, 77, INJ_SET, S_PHONE, "12345678901", 0, 0 },
    { EF_UTF8, 110, INJ_DUP, S_FORM_ID, NULL, EF_GBK, 215 },
    { EF_UTF8, 150, INJ_SET, S_Q1 + 11, "-1", 0, 0 },
    { EF_UTF8, 190, INJ_SET, S_SURVEY_DATE, "2026/03/15", 0, 0 },
    { EF_UTF8, 230, INJ_SET, S_PLAN, "1;2", 0, 0 },
    { EF_UTF8, 270, INJ_SET, S_CUSTOMER_ID, "kh000123", 0, 0 },
    { EF_UTF8, 270, INJ_SET, S_Q1 + 2, "６", 0, 0 },
    { EF_UTF8, 310, INJ_SET, S_Q1 + 17, "0", 0, 0 },
    { EF_UTF8, 352, INJ_DUP, S_FORM_ID, NULL, EF_UTF8, 300 },
    { EF_UTF8, 400, INJ_CELLS, -1, "-", 0, 0 },
    { EF_UTF8, 445, INJ_SET, S_OVERALL, "6", 0, 0 },
    { EF_UTF8, 490, INJ_SET, S_SURVEY_DATE, "", 0, 0 },
    { EF_UTF8, 530, INJ_SET, S_Q1 + 6, "3.5", 0, 0 },
    { EF_UTF8, 575, INJ_SET, S_RECOMMEND, "-1", 0, 0 },
    { EF_UTF8, 620, INJ_SET, S_Q1 + 19, "很好", 0, 0 },
    { EF_UTF8, 660, INJ_SET, S_SURVEY_DATE, "2026-04-31", 0, 0 },
    { EF_UTF8, 700, INJ_SET, S_PLAN, "企业套餐;个人套餐", 0, 0 },
    { EF_UTF8, 745, INJ_SET, S_CUSTOMER_ID, "KH1234567", 0, 0 },
    { EF_UTF8, 790, INJ_SET, S_FORM_ID, "", 0, 0 },
    { EF_UTF8, 835, INJ_SET, S_RECOMMEND, "10.5", 0, 0 },
    { EF_UTF8, 880, INJ_SET, S_PHONE, "1381234567", 0, 0 },
    /* form_F2026*.xml, one form each */
    { EF_SINGLE, 7, INJ_FIELD, -1, "fax", 0, 0 },
    { EF_SINGLE, 14, INJ_OMIT, S_SURVEY_DATE, NULL, 0, 0 },
    /* survey_batch.xml */
    { EF_BATCH, 9, INJ_TEXT, S_C1, "信号差、经常掉线\n地下室完全没有信号", 0,
      0 },
    { EF_BATCH, 9, INJ_SET, S_Q1 + 1, "6", 0, 0 },
    { EF_BATCH, 50, INJ_SET, S_FORM_ID, "", 0, 0 },
    { EF_BATCH, 95, INJ_OMIT, S_CUSTOMER_ID, NULL, 0, 0 },
    { EF_BATCH, 140, INJ_FIELD, -1, "email", 0, 0 },
    { EF_BATCH, 188, INJ_SET, S_PLAN, "7", 0, 0 },
    { EF_BATCH, 230, INJ_SET, S_SURVEY_DATE, "2026-02-29", 0, 0 },
    { EF_BATCH, 275, INJ_DUP, S_FORM_ID, NULL, EF_BATCH, 200 },
    { EF_BATCH, 320, INJ_SET, S_Q1 + 10, "3.5", 0, 0 },
    { EF_BATCH, 365, INJ_SET, S_RECOMMEND, "11", 0, 0 },
    { EF_BATCH, 410, INJ_SET, S_Q1 + 18, "很好", 0, 0 },
    { EF_BATCH, 455, INJ_SET, S_PHONE, "12345678901", 0, 0 },
    { EF_BATCH, 500, INJ_SET, S_PLAN, "1;2", 0, 0 },
    { EF_BATCH, 545, INJ_SET, S_CUSTOMER_ID, "KH12345", 0, 0 },
    { EF_BATCH, 545, INJ_SET, S_SURVEY_DATE, "2026/03/15", 0, 0 },
};

/* Must form @pos of @file stay good and dated in the period? */
static bool example_pinned(int file, int pos)
{
    for (size_t i = 0; i < ARRAY_SIZE(example_plan); i++) {
        const struct inj *in = &example_plan[i];

        if (in->file == file && in->pos == pos)
            return true;
        if (in->kind == INJ_DUP && in->ref_file == file && in->ref_pos == pos)
            return true;
    }
    return false;
}

static void example_form(struct gen *g, int file, int pos, struct form *f)
{
    long seq = ef_seq(file, pos);

    form_generate(g, seq, !example_pinned(file, pos), f);
    for (size_t i = 0; i < ARRAY_SIZE(example_plan); i++) {
        const struct inj *in = &example_plan[i];
        char dup[32];

        if (in->file != file || in->pos != pos)
            continue;
        form_id_text(dup, sizeof(dup), ef_seq(in->ref_file, in->ref_pos));
        inject(f, in, dup, S_Q1);
    }
}

static int join_path(char *dst, size_t cap, const char *dir, const char *name)
{
    int n = snprintf(dst, cap, "%s/%s", dir, name);

    if (n < 0 || (size_t)n >= cap) {
        fprintf(stderr, "gen_forms: path too long: '%s/%s'\n", dir, name);
        return -1;
    }
    return 0;
}

static int make_dirs(const char *dir)
{
    char tmp[4096];
    size_t n = strlen(dir);

    if (n >= sizeof(tmp)) {
        fprintf(stderr, "gen_forms: path too long: '%s'\n", dir);
        return -1;
    }
    memcpy(tmp, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (tmp[i] != '/' && tmp[i] != '\0')
            continue;
        tmp[i] = '\0';
        if (mkdir(tmp, 0777) && errno != EEXIST) {
            fprintf(stderr, "gen_forms: cannot create '%s': %s\n", tmp,
                    strerror(errno));
            return -1;
        }
        if (i < n)
            tmp[i] = '/';
    }
    return 0;
}

/* Write one example file: @file's forms to @path. */
static int example_file(struct gen *g, int file, const char *path,
                        struct tally *t, struct form *f, struct sbuf *b)
{
    struct out o;
    struct layout l;
    bool csv = file == EF_GBK || file == EF_UTF8;
    bool crlf = file == EF_GBK;
    int rc = 0;

    if (out_open(&o, path, file == EF_GBK, crlf))
        return -1;
    if (file == EF_UTF8)
        layout_mixed(&l);
    else
        layout_template(&l);
    if (file == EF_UTF8)
        sb_puts(b, "\xEF\xBB\xBF");
    if (csv)
        csv_header(b, &l, crlf);
    else
        sb_puts(b, xml_head);
    rc |= out_write(&o, b);
    for (int pos = 0; pos < ef_forms[file] && !rc; pos++) {
        long line = o.line;

        example_form(g, file, pos, f);
        if (csv)
            csv_row(b, &l, f, crlf);
        else
            xml_form(b, f);
        rc |= out_write(&o, b);
        tally_form(t, o.base, line, f);
    }
    if (!csv) {
        sb_puts(b, xml_tail);
        rc |= out_write(&o, b);
    }
    rc |= out_close(&o);
    return rc;
}

/* The single-form files: form @pos of EF_SINGLE in a file of its own. */
static int example_single(struct gen *g, const char *dir, int pos,
                          struct tally *t, struct form *f, struct sbuf *b)
{
    char name[64];
    char path[4096];
    char id[32];
    struct out o;
    long line;
    int rc = 0;

    form_id_text(id, sizeof(id), ef_seq(EF_SINGLE, pos));
    snprintf(name, sizeof(name), "form_%s.xml", id);
    if (join_path(path, sizeof(path), dir, name) ||
        out_open(&o, path, false, false))
        return -1;
    sb_puts(b, xml_head);
    rc |= out_write(&o, b);
    line = o.line;
    example_form(g, EF_SINGLE, pos, f);
    xml_form(b, f);
    sb_puts(b, xml_tail);
    rc |= out_write(&o, b);
    tally_form(t, o.base, line, f);
    rc |= out_close(&o);
    return rc;
}

static int example_readme(const char *dir, const struct tally *t)
{
    char path[4096];
    FILE *fp;

    if (join_path(path, sizeof(path), dir, "README.md"))
        return -1;
    fp = fopen(path, "w");
    if (!fp) {
        fprintf(stderr, "gen_forms: cannot open '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    fputs("# The bundled example input\n"
          "\n"
          "Generated by `gen_forms --example` (tests/bench/gen_forms.c; see\n"
          "docs/generator.md): regenerating gives the same bytes. Do not edit\n"
          "by hand; `make example` rewrites this folder. The forms follow\n"
          "templates/forms/csat.xml and pipelines/example.ini reads them.\n"
          "\n"
          "| file | forms | what |\n"
          "|---|---|---|\n",
          fp);
    fprintf(fp,
            "| survey_gbk.csv | %d | CSV in GBK as Excel on Chinese "
            "Windows saves it: no BOM, CRLF row ends, LF line breaks inside "
            "quoted cells, columns in template order |\n",
            ef_forms[EF_GBK]);
    fprintf(fp,
            "| survey_utf8.csv | %d | CSV in UTF-8 with a BOM, LF row ends, "
            "columns in another order plus an `interviewer` column the "
            "template does not know (ignored) |\n",
            ef_forms[EF_UTF8]);
    fprintf(fp, "| form_F2026*.xml | %d | native XML, one form per file |\n",
            ef_forms[EF_SINGLE]);
    fprintf(fp, "| survey_batch.xml | %d | native XML, many forms |\n",
            ef_forms[EF_BATCH]);
    fprintf(fp,
            "| %s | | the customer archive (客户档案, docs/archive.md): "
            "%d customers - the forms' %d and %d who did not answer, but "
            "every 40th left out (their forms come from unknown customers); "
            "2%% with a segment value the forms do not give; account "
            "managers |\n",
            EXAMPLE_ARCHIVE, EXAMPLE_ARCHIVE_CUSTS - EXAMPLE_ARCHIVE_CUSTS / 40,
            EXAMPLE_CUSTS, EXAMPLE_ARCHIVE_CUSTS - EXAMPLE_CUSTS);
    fprintf(fp,
            "\n"
            "Totals: %ld forms read, %ld accepted, %ld refused, %ld out of "
            "period (dated 2025-12: counted, not analysed).\n",
            t->read, t->read - t->refused - t->out_of_period, t->refused,
            t->out_of_period);
    fputs(
        "\n"
        "The data: about 1,700 customers (一般客户: 个人, 经销商, 零售, 制造,\n"
        "物流, 餐饮; 特殊客户: 银行, 保险, 律师事务所, 广告公关) in seven\n"
        "regions with different levels of satisfaction; 套餐价格 scores\n"
        "lowest and 服务质量 highest, several dimensions fall short of\n"
        "their targets. About 3% of answers are empty and 1% 不适用; some\n"
        "scores are written as point labels (满意) or full-width digits (５).\n"
        "Comments mix praise, suggestions and complaints, some with commas,\n"
        "quotes, line breaks, `& < >`, or a leading `= - + @`.\n"
        "\n"
        "Bad forms (about 2%, every kind satreport refuses) are listed in\n"
        "tests/data/example-expected-rejects.csv as file,line,form_id,field;\n"
        "the totals are in tests/data/example-expected-counts.txt.\n"
        "Names and phone numbers are invented.\n",
        fp);
    if (fclose(fp)) {
        fprintf(stderr, "gen_forms: cannot write '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    return 0;
}

static int run_example(const char *dir, const char *manifest,
                       const char *counts)
{
    static const char *const names[EF_COUNT] = { "survey_gbk.csv",
                                                 "survey_utf8.csv", NULL,
                                                 "survey_batch.xml" };
    struct gen g;
    struct tally t = { 0, 0, 0, 0, NULL };
    struct sbuf b = { NULL, 0, 0 };
    struct form *f;
    char path[4096];
    int rc = 0;

    f = malloc(sizeof(*f));
    if (!f)
        die_nomem();
    g.seed = EXAMPLE_SEED;
    g.ncust = EXAMPLE_CUSTS;
    rng_seed(&g.rng, g.seed);
    if (make_dirs(dir)) {
        rc = -1;
        goto out_free;
    }
    t.manifest = manifest_open(manifest);
    if (manifest && !t.manifest) {
        rc = -1;
        goto out_free;
    }
    for (int file = 0; file < EF_COUNT && !rc; file++) {
        if (file == EF_SINGLE) {
            for (int pos = 0; pos < ef_forms[file] && !rc; pos++)
                rc |= example_single(&g, dir, pos, &t, f, &b);
            continue;
        }
        rc |= join_path(path, sizeof(path), dir, names[file]);
        if (!rc)
            rc |= example_file(&g, file, path, &t, f, &b);
    }
    rc |= manifest_close(t.manifest, manifest);
    if (!rc)
        rc |= join_path(path, sizeof(path), dir, "archive");
    if (!rc)
        rc |= make_dirs(path);
    if (!rc)
        rc |= join_path(path, sizeof(path), dir, EXAMPLE_ARCHIVE);
    if (!rc)
        rc |= write_archive(path, EXAMPLE_SEED, EXAMPLE_ARCHIVE_CUSTS, false,
                            true);
    if (!rc)
        rc |= example_readme(dir, &t);
    if (!rc && counts)
        rc |= write_counts(counts, &t);
    if (!rc)
        printf("gen_forms: %s: %ld forms, %ld refused (%ld problems), "
               "%ld out of period\n",
               dir, t.read, t.refused, t.problems, t.out_of_period);
out_free:
    sb_release(&b);
    free(f);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* --forms N                                                                 */
/* ------------------------------------------------------------------------ */

static const struct inj bench_kinds[] = {
    { 0, 0, INJ_SET, S_FORM_ID, "", 0, 0 },
    { 0, 0, INJ_SET, S_CUSTOMER_ID, "", 0, 0 },
    { 0, 0, INJ_SET, S_SURVEY_DATE, "", 0, 0 },
    { 0, 0, INJ_SET, S_CUSTOMER_ID, "KH12345", 0, 0 },
    { 0, 0, INJ_SET, S_CUSTOMER_ID, "kh000123", 0, 0 },
    { 0, 0, INJ_SET, S_PHONE, "12345678901", 0, 0 },
    { 0, 0, INJ_SET, SLOT_ANY_Q, "6", 0, 0 },
    { 0, 0, INJ_SET, S_RECOMMEND, "11", 0, 0 },
    { 0, 0, INJ_SET, SLOT_ANY_Q, "-1", 0, 0 },
    { 0, 0, INJ_SET, SLOT_ANY_Q, "3.5", 0, 0 },
    { 0, 0, INJ_SET, SLOT_ANY_Q, "很好", 0, 0 },
    { 0, 0, INJ_SET, S_SURVEY_DATE, "2026-02-30", 0, 0 },
    { 0, 0, INJ_SET, S_SURVEY_DATE, "2026/03/15", 0, 0 },
    { 0, 0, INJ_SET, S_SURVEY_DATE, "15.03.2026", 0, 0 },
    { 0, 0, INJ_DUP, S_FORM_ID, NULL, 0, 0 },
    { 0, 0, INJ_SET, S_PLAN, "7", 0, 0 },
    { 0, 0, INJ_SET, S_PLAN, "1;2", 0, 0 },
    { 0, 0, INJ_SET, S_IMPROVE, "2;5", 0, 0 },
    { 0, 0, INJ_CELLS, -1, "+", 0, 0 },   /* CSV only */
    { 0, 0, INJ_FIELD, -1, "fax", 0, 0 }, /* XML only */
};

struct bench_opts {
    long forms;
    long customers; /* --customers N, or -1 */
    bool xml;
    bool gbk;
    bool bom;
    uint64_t seed;
    uint32_t bad_ppm;
    const char *out;
    const char *manifest;
    const char *counts;
};

static int run_bench(const struct bench_opts *bo)
{
    struct gen g;
    struct tally t = { 0, 0, 0, 0, NULL };
    struct sbuf b = { NULL, 0, 0 };
    struct layout l;
    struct out o;
    struct form *f;
    long last_good = 0;
    int rc = 0;

    f = malloc(sizeof(*f));
    if (!f)
        die_nomem();
    g.seed = bo->seed;
    g.ncust = bo->forms / 10 * 9;
    if (bo->customers > 0) /* the population of an archive (--customers) */
        g.ncust = (uint32_t)bo->customers;
    if (g.ncust < 1)
        g.ncust = 1;
    if (g.ncust > 1000000)
        g.ncust = 1000000;
    rng_seed(&g.rng, g.seed);
    layout_template(&l);
    t.manifest = manifest_open(bo->manifest);
    if (bo->manifest && !t.manifest) {
        rc = -1;
        goto out_free;
    }
    if (out_open(&o, bo->out, bo->gbk, bo->gbk)) {
        rc = -1;
        goto out_manifest;
    }
    if (bo->xml) {
        sb_puts(&b, xml_head);
    } else {
        if (bo->bom)
            sb_puts(&b, "\xEF\xBB\xBF");
        csv_header(&b, &l, o.crlf);
    }
    rc |= out_write(&o, &b);
    for (long seq = 1; seq <= bo->forms && !rc; seq++) {
        bool bad = bo->bad_ppm && rng_ppm(&g.rng, bo->bad_ppm);
        const struct inj *in = NULL;
        long line = o.line;

        if (bad) {
            do {
                in = &bench_kinds[rng_below(&g.rng, ARRAY_SIZE(bench_kinds))];
            } while ((in->kind == INJ_CELLS && bo->xml) ||
                     (in->kind == INJ_FIELD && !bo->xml) ||
                     (in->kind == INJ_DUP && !last_good));
        }
        form_generate(&g, seq, !bad, f);
        if (in) {
            char dup[32];

            form_id_text(dup, sizeof(dup), last_good);
            inject(f, in, dup, S_Q1 + (int)rng_below(&g.rng, NITEMS));
        } else {
            last_good = seq;
        }
        if (bo->xml)
            xml_form(&b, f);
        else
            csv_row(&b, &l, f, o.crlf);
        rc |= out_write(&o, &b);
        tally_form(&t, o.base, line, f);
    }
    if (bo->xml && !rc) {
        sb_puts(&b, xml_tail);
        rc |= out_write(&o, &b);
    }
    rc |= out_close(&o);
    if (!rc && bo->counts)
        rc |= write_counts(bo->counts, &t);
    if (!rc)
        printf("gen_forms: %s: %ld forms, %ld refused (%ld problems), "
               "%ld out of period\n",
               bo->out, t.read, t.refused, t.problems, t.out_of_period);
out_manifest:
    rc |= manifest_close(t.manifest, bo->manifest);
out_free:
    sb_release(&b);
    free(f);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Customer archive (--customers N without --forms)                          */
/* ------------------------------------------------------------------------ */

/* Account managers, per region (regions[] order). */
static const char *const managers_east[] = { "王建国", "李海燕", "张伟民",
                                             "陈晓东", "刘芳",   "周志强" };
static const char *const managers_south[] = { "黄志明", "林小红", "吴俊杰",
                                              "何丽娟", "郭强" };
static const char *const managers_north[] = { "赵立新", "孙玉梅", "马超",
                                              "高建华" };
static const char *const managers_central[] = { "胡文斌", "朱丽", "徐刚",
                                                "罗敏" };
static const char *const managers_sw[] = { "杨帆", "何军", "李娜" };
static const char *const managers_nw[] = { "马国庆", "张秀兰" };
static const char *const managers_ne[] = { "刘大伟", "王丽华" };

static const struct {
    const char *const *names;
    size_t n;
} managers[] = {
    { managers_east, ARRAY_SIZE(managers_east) },
    { managers_south, ARRAY_SIZE(managers_south) },
    { managers_north, ARRAY_SIZE(managers_north) },
    { managers_central, ARRAY_SIZE(managers_central) },
    { managers_sw, ARRAY_SIZE(managers_sw) },
    { managers_nw, ARRAY_SIZE(managers_nw) },
    { managers_ne, ARRAY_SIZE(managers_ne) },
};

static const char *const credit_ratings[] = { "AAA", "AA", "A", "BBB", "BB" };
static const int credit_weights[] = { 10, 25, 35, 20, 10 };

/* Customer @k in the archive: false when it is left out (every 40th), so
 * that its forms come from a customer the archive does not know. */
static bool archive_row(struct sbuf *b, uint64_t seed, uint32_t k, bool crlf)
{
    struct customer c;
    struct rng r;
    const char *type;
    const char *region;
    const char *industry;
    const char *manager;
    size_t ri;
    size_t ii;
    const char *credit;
    char since[16];
    uint32_t x;
    uint32_t year;
    uint32_t month;
    uint32_t day;

    if (k % 40 == 39)
        return false;
    customer_make(&c, seed, k);
    /* the archive's own draws: they leave the forms' stream alone */
    rng_seed(&r, seed ^ (UINT64_C(0x9e3779b97f4a7c15) * (k + 1)) ^
                     UINT64_C(0xa5c3));
    ri = (size_t)(c.reg - regions);
    ii = (size_t)(c.ind - industries);
    type = c.type;
    region = c.reg->name;
    industry = c.ind->name;
    x = rng_below(&r, 1000);
    if (x < 20) {
        /* 2%: the archive says otherwise than the customer's forms */
        switch (rng_below(&r, 3)) {
        case 0:
            type = c.ind->special ? "一般客户" : "特殊客户";
            break;
        case 1:
            region = regions[(ri + 1) % ARRAY_SIZE(regions)].name;
            break;
        default:
            do {
                ii = (ii + 1) % ARRAY_SIZE(industries);
            } while (industries[ii].special != c.ind->special);
            industry = industries[ii].name;
            break;
        }
    } else if (x < 30) {
        region = ""; /* 1%: no region in the archive: the form's stays */
    }
    manager = managers[ri].names[rng_below(&r, (uint32_t)managers[ri].n)];
    if (rng_ppm(&r, 10000))
        manager = ""; /* 1% without an account manager */
    /* separate statements: argument order is unspecified in C */
    year = 2005 + rng_below(&r, 21);
    month = 1 + rng_below(&r, 12);
    day = 1 + rng_below(&r, 28);
    credit = credit_ratings[rng_pick(&r, credit_weights,
                                     ARRAY_SIZE(credit_weights))];
    snprintf(since, sizeof(since), "%04" PRIu32 "-%02" PRIu32 "-%02" PRIu32,
             year, month, day);
    sb_csv(b, c.id);
    sb_puts(b, ",");
    sb_csv(b, c.name);
    sb_puts(b, ",");
    sb_csv(b, type);
    sb_puts(b, ",");
    sb_csv(b, industry);
    sb_puts(b, ",");
    sb_csv(b, region);
    sb_puts(b, ",");
    sb_csv(b, credit);
    sb_puts(b, ",");
    sb_csv(b, manager);
    sb_puts(b, ",");
    sb_puts(b, since);
    sb_puts(b, crlf ? "\r\n" : "\n");
    return true;
}

/* The archive of customers 0..@n-1 of the population of @seed. */
static int write_archive(const char *path, uint64_t seed, long n, bool gbk,
                         bool bom)
{
    struct sbuf b = { NULL, 0, 0 };
    struct out o;
    long rows = 0;
    int rc = 0;

    if (out_open(&o, path, gbk, gbk))
        return -1;
    if (bom)
        sb_puts(&b, "\xEF\xBB\xBF");
    sb_puts(&b, "customer_id,customer_name,customer_type,industry,region,"
                "credit_rating,account_manager,since");
    sb_puts(&b, o.crlf ? "\r\n" : "\n");
    rc |= out_write(&o, &b);
    for (uint32_t k = 0; k < (uint32_t)n && !rc; k++) {
        if (archive_row(&b, seed, k, o.crlf))
            rows++;
        rc |= out_write(&o, &b);
    }
    rc |= out_close(&o);
    if (!rc)
        printf("gen_forms: %s: %ld customers in the archive (of %ld)\n", path,
               rows, n);
    sb_release(&b);
    return rc;
}

static int run_archive(const struct bench_opts *bo)
{
    return write_archive(bo->out, bo->seed, bo->customers, bo->gbk, bo->bom);
}

/* ------------------------------------------------------------------------ */
/* Command line                                                              */
/* ------------------------------------------------------------------------ */

static void usage(FILE *fp)
{
    fputs(
        "usage: gen_forms --example DIR [--manifest FILE] [--counts FILE]\n"
        "       gen_forms --forms N [--format csv|xml] [--encoding utf8|gbk]\n"
        "                 [--no-bom] [--seed S] [--bad-rate R]\n"
        "                 [--manifest FILE] [--counts FILE]\n"
        "                 [--customers N] -o FILE\n"
        "       gen_forms --customers N [--encoding utf8|gbk] [--no-bom]\n"
        "                 [--seed S] -o ARCHIVE.csv\n",
        fp);
}

static int parse_u64(const char *opt, const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-') {
        fprintf(stderr, "gen_forms: option '%s': bad number '%s'\n", opt, s);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

static int parse_rate(const char *opt, const char *s, uint32_t *ppm)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0.0 && v <= 1.0)) {
        fprintf(stderr, "gen_forms: option '%s': bad rate '%s' (0..1)\n", opt,
                s);
        return -1;
    }
    *ppm = (uint32_t)(v * 1000000.0 + 0.5);
    return 0;
}

int main(int argc, char **argv)
{
    struct bench_opts bo = {
        -1, -1, false, false, true, 1, 0, NULL, NULL, NULL
    };
    const char *example = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t n;

        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(a, "--no-bom")) {
            bo.bom = false;
            continue;
        }
        if (!v) {
            fprintf(stderr,
                    "gen_forms: unknown option or missing value: "
                    "'%s'\n",
                    a);
            usage(stderr);
            return 2;
        }
        i++;
        if (!strcmp(a, "--example")) {
            example = v;
        } else if (!strcmp(a, "--forms")) {
            if (parse_u64(a, v, &n) || n > 100000000) {
                fprintf(stderr, "gen_forms: '--forms': at most 100000000\n");
                return 2;
            }
            bo.forms = (long)n;
        } else if (!strcmp(a, "--customers")) {
            if (parse_u64(a, v, &n) || n < 1 || n > 1000000) {
                fprintf(stderr, "gen_forms: '--customers': 1 to 1000000\n");
                return 2;
            }
            bo.customers = (long)n;
        } else if (!strcmp(a, "--format")) {
            if (strcmp(v, "csv") && strcmp(v, "xml")) {
                fprintf(stderr, "gen_forms: unknown format '%s'\n", v);
                return 2;
            }
            bo.xml = !strcmp(v, "xml");
        } else if (!strcmp(a, "--encoding")) {
            if (strcmp(v, "utf8") && strcmp(v, "utf-8") && strcmp(v, "gbk")) {
                fprintf(stderr, "gen_forms: unknown encoding '%s'\n", v);
                return 2;
            }
            bo.gbk = !strcmp(v, "gbk");
        } else if (!strcmp(a, "--seed")) {
            if (parse_u64(a, v, &bo.seed))
                return 2;
        } else if (!strcmp(a, "--bad-rate")) {
            if (parse_rate(a, v, &bo.bad_ppm))
                return 2;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            bo.out = v;
        } else if (!strcmp(a, "--manifest")) {
            bo.manifest = v;
        } else if (!strcmp(a, "--counts")) {
            bo.counts = v;
        } else {
            fprintf(stderr, "gen_forms: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (example && bo.forms < 0)
        return run_example(example, bo.manifest, bo.counts) ? 1 : 0;
    if (!example && bo.forms < 0 && bo.customers > 0 && bo.out) {
        if (bo.gbk)
            bo.bom = false;
        return run_archive(&bo) ? 1 : 0;
    }
    if (example || bo.forms < 0 || !bo.out) {
        usage(stderr);
        return 2;
    }
    if (bo.gbk && bo.xml) {
        fputs("gen_forms: '--encoding gbk' is for CSV only\n", stderr);
        return 2;
    }
    if (bo.gbk)
        bo.bom = false;
    return run_bench(&bo) ? 1 : 0;
}
