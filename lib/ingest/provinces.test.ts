import { describe, it, expect } from 'vitest';
import { isIngestError, articleFromText } from './article';
import { findBanks } from './banks';
import { PROVINCE_CITIES } from './dict/banks';
import { articleProvinces } from './provinces';
import type { BranchMention } from './types';

/** The provinces of an article whose title is empty, as article.ts computes them (branches by findBanks). */
function provinces(text: string, source: string | null = null): string[] {
  return articleProvinces({ branches: findBanks(text).branches, source, title: '', text });
}

const branch = (province: string | null): BranchMention => ({ bank: '交通银行', branch: '交通银行某分行', province });

describe('articleProvinces: branches first', () => {
  it('takes the province of a resolved branch', () => {
    expect(provinces('交通银行青海省分行持续推进普惠金融服务。')).toEqual(['青海']);
  });

  it('reads the branch, not the city a bank is named after', () => {
    expect(provinces('北京银行上海分行开业。')).toEqual(['上海']);
  });

  it('gives every province of two branches in two provinces, sorted by code unit', () => {
    expect(provinces('交通银行青海省分行与中信银行石家庄分行签约。')).toEqual(['河北', '青海']);
    expect(provinces('交通银行西宁分行和交通银行青海省分行')).toEqual(['青海']);
  });

  it('wins over the source and the text', () => {
    expect(articleProvinces({ branches: [branch('青海')], source: '北京日报', title: '上海', text: '深圳' })).toEqual(['青海']);
  });

  it('skips a branch without a province', () => {
    expect(articleProvinces({ branches: [branch(null)], source: '青海日报', title: '', text: '' })).toEqual(['青海']);
  });
});

describe('articleProvinces: then the source', () => {
  it.each([
    ['青海日报', ['青海']],
    ['北京日报', ['北京']],
    ['深圳特区报', ['广东']],
    ['青海日報', ['青海']],
    ['南方日报', []],
    ['新华网', []],
    // A national paper named after its seat.
    ['上海证券报', []],
    // A bank's own site names the bank, not a place.
    ['北京银行官网', []],
  ])('%s → %j', (source, expected) => {
    expect(provinces('该行推出新一代手机银行。', source)).toEqual(expected);
  });

  it('wins over the text', () => {
    expect(provinces('北京地区的客户也可办理。', '青海日报')).toEqual(['青海']);
  });

  it('leaves it to the text when the source names two provinces', () => {
    expect(provinces('深圳推出新政。', '江苏浙江联合新闻网')).toEqual(['广东']);
  });
});

describe('articleProvinces: then the text, when it names one province', () => {
  it('maps a city to its province', () => {
    expect(provinces('深圳推出支持小微企业的新政。')).toEqual(['广东']);
    expect(provinces('深圳市推出支持小微企业的新政。')).toEqual(['广东']);
  });

  it('gives nothing for places of two provinces', () => {
    expect(provinces('北京和上海推出新政。')).toEqual([]);
  });

  it('counts a province and its own cities as one', () => {
    expect(provinces('吉林省吉林市')).toEqual(['吉林']);
    expect(provinces('青海省西宁市城北区')).toEqual(['青海']);
    expect(provinces('北京市朝阳区')).toEqual(['北京']);
  });

  it('reads the title too', () => {
    expect(articleProvinces({ branches: [], source: null, title: '广东外贸成绩斐然', text: '进出口增长超3倍。' })).toEqual(['广东']);
  });

  it('gives nothing for a nationwide or central-bank article naming no place', () => {
    expect(provinces('中国人民银行宣布下调存款准备金率0.5个百分点。')).toEqual([]);
    expect(provinces('国务院常务会议部署全国稳经济一揽子政策。')).toEqual([]);
  });

  it('knows administrative suffixes and 中国 before a place', () => {
    expect(provinces('新疆维吾尔自治区')).toEqual(['新疆']);
    expect(provinces('香港特区政府')).toEqual(['香港']);
    expect(provinces('中国台湾地区')).toEqual(['台湾']);
    expect(provinces('江苏省委、省政府')).toEqual(['江苏']);
  });
});

describe('articleProvinces: bank names are no places', () => {
  it.each([
    '北京银行发布2022年度报告。',
    '上海银行、江苏银行与南京银行',
    '青岛银行和宁波银行',
    '北京农商行、吉林亿联银行、深圳前海微众银行、广西北部湾银行、江阴银行',
    // Banks the dictionary does not know.
    '吉林银行和青海农商银行',
    // Not the bank, but the national interbank market.
    '上海银行间同业拆放利率小幅上行。',
  ])('%s → []', (text) => {
    expect(provinces(text)).toEqual([]);
  });

  it('still reads the place when it is named apart from the bank', () => {
    expect(provinces('北京银行在北京召开股东大会。')).toEqual(['北京']);
    expect(provinces('盛京银行在沈阳召开股东大会。')).toEqual(['辽宁']);
  });

  it('reads the place after the central bank, whose branches are no Article branches', () => {
    expect(provinces('人民银行西宁中心支行召开会议。')).toEqual(['青海']);
  });
});

describe('articleProvinces: other things named after a place', () => {
  it.each([
    // Ordinary words that hold a place name.
    '在平台中查询',
    '三明治和大理石',
    '长治久安',
    '北海道',
    '白银价格上涨，白银市场活跃。',
    '朝阳产业',
    '孙中山',
    // National markets, a time zone, a dateline.
    '北京时间10点',
    '上海证券交易所、广州期货交易所和香港交易所',
    '该公司拟在香港上市。',
    '新华社北京12月8日电 国务院常务会议部署稳经济政策。',
    '（上海证券报）',
    // Companies named after their seat.
    '贵州茅台股价重回2000元。白酒股龙头贵州茅台(600519)盘中涨逾2%。',
    '京东方精电、上海复旦涨近4%。',
    '国新文化控股子公司常熟三爱富也与杜邦合作。',
  ])('%s → []', (text) => {
    expect(provinces(text)).toEqual([]);
  });

  it('counts a place that is also a word only as a city', () => {
    expect(provinces('白银市政府')).toEqual(['甘肃']);
    expect(provinces('海西州')).toEqual(['青海']);
  });

  it('skips a company named after its seat but not the place where it acts', () => {
    expect(provinces('该公司在北京成立，由杭州阿里创业投资有限公司全资持股。')).toEqual(['北京']);
    expect(provinces('利宏科技（上海）有限公司新增股东。')).toEqual(['上海']);
  });
});

describe('articleProvinces: full-width and traditional text', () => {
  it('folds before reading places, banks and companies', () => {
    expect(provinces('交通銀行青海省分行')).toEqual(['青海']);
    expect(provinces('北京銀行發佈年報。')).toEqual([]);
    expect(provinces('北京銀行在北京召開會議。')).toEqual(['北京']);
    expect(provinces('貴州茅臺（６００５１９）股價上漲，貴州茅臺再創新高。')).toEqual([]);
    expect(provinces('廣東外貿成績斐然')).toEqual(['广东']);
    expect(provinces('內蒙古自治區')).toEqual(['内蒙古']);
    expect(provinces('臺灣地區')).toEqual(['台湾']);
  });
});

describe('articleProvinces: output', () => {
  it('gives short names that are keys of PROVINCE_CITIES', () => {
    const keys = new Set(Object.keys(PROVINCE_CITIES));
    for (const text of ['内蒙古自治区呼和浩特市', '黑龙江省哈尔滨市', '交通银行大连分行与交通银行深圳分行']) {
      for (const province of provinces(text)) expect(keys.has(province), province).toBe(true);
    }
    expect(provinces('交通银行大连分行与交通银行深圳分行')).toEqual(['广东', '辽宁']);
  });
});

describe('articleFromText: provinces', () => {
  it('takes the source from tags when no place is named', () => {
    const a = articleFromText('---\ntitle: 某某银行推出新产品\ntags: 青海日报新闻\n---\n<p>该行推出新一代手机银行。</p>', 'a.md');
    if (isIngestError(a)) throw new Error(a.reason);
    expect(a.source).toBe('青海日报');
    expect(a.provinces).toEqual(['青海']);
  });

  it('takes branches from the title and body', () => {
    const a = articleFromText('---\ntitle: 交行青海省分行推出新产品\n---\n该行位于西宁。', 'b.md');
    if (isIngestError(a)) throw new Error(a.reason);
    expect(a.provinces).toEqual(['青海']);
  });
});
