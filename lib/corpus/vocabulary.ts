/**
 * Word lists and sentence templates for the demo-corpus generator.
 *
 * Every sentence here was written for this project; none is taken from the third-party
 * articles in ../shared. Lists are ordered by intended frequency: the generator picks from
 * them with a Zipf-like law, so the first entries are common and the tail is rare.
 *
 * Templates use `{SLOT}` placeholders that generate.ts fills (see `fillSlot` there).
 * Templates of bank-free topics must not name any bank: the tests check that.
 */

/** What kind of institution a bank is; the central bank is kept apart from commercial banks. */
export type BankKind = 'state' | 'joint-stock' | 'city' | 'rural' | 'foreign' | 'policy' | 'private' | 'central';

/** One bank the generator can write about. */
export interface BankEntry {
  /** Canonical short name, the form an index should report (`工商银行`). */
  readonly name: string;
  /** Formal name (`中国工商银行`); equal to `name` when the bank has no longer form. */
  readonly full: string;
  /** Unambiguous short aliases (`工行`); words that are also common nouns (民生, 平安) are left out. */
  readonly aliases: readonly string[];
  readonly kind: BankKind;
  /** A-share listing, used for the stock-chart widget: market 1 is Shanghai, 0 is Shenzhen. */
  readonly stock?: { readonly code: string; readonly market: 0 | 1 };
  /** Prefix banks put on product names (`工银`). */
  readonly brand?: string;
  /** Latin abbreviation (`ICBC`), written sometimes after the first mention. */
  readonly latin?: string;
  /** Formal name in traditional characters, for the rare Hong Kong style paragraph. */
  readonly traditional?: string;
  /** Home province of a regional bank (short form, `北京`). */
  readonly home?: string;
}

/** Commercial, policy and foreign banks, most written-about first. */
export const BANKS: readonly BankEntry[] = [
  { name: '工商银行', full: '中国工商银行', aliases: ['工行'], kind: 'state', stock: { code: '601398', market: 1 }, brand: '工银', latin: 'ICBC', traditional: '中國工商銀行' },
  { name: '建设银行', full: '中国建设银行', aliases: ['建行'], kind: 'state', stock: { code: '601939', market: 1 }, brand: '建行', latin: 'CCB', traditional: '中國建設銀行' },
  { name: '农业银行', full: '中国农业银行', aliases: ['农行'], kind: 'state', stock: { code: '601288', market: 1 }, brand: '农银', latin: 'ABC', traditional: '中國農業銀行' },
  { name: '中国银行', full: '中国银行', aliases: ['中行'], kind: 'state', stock: { code: '601988', market: 1 }, brand: '中银', latin: 'BOC', traditional: '中國銀行' },
  { name: '交通银行', full: '交通银行', aliases: ['交行'], kind: 'state', stock: { code: '601328', market: 1 }, brand: '交银', latin: 'BOCOM', traditional: '交通銀行' },
  { name: '招商银行', full: '招商银行', aliases: ['招行'], kind: 'joint-stock', stock: { code: '600036', market: 1 }, brand: '招银', latin: 'CMB', traditional: '招商銀行' },
  { name: '邮储银行', full: '中国邮政储蓄银行', aliases: [], kind: 'state', stock: { code: '601658', market: 1 }, brand: '邮储', latin: 'PSBC', traditional: '中國郵政儲蓄銀行' },
  { name: '兴业银行', full: '兴业银行', aliases: [], kind: 'joint-stock', stock: { code: '601166', market: 1 }, brand: '兴业', latin: 'CIB', traditional: '興業銀行' },
  { name: '中信银行', full: '中信银行', aliases: [], kind: 'joint-stock', stock: { code: '601998', market: 1 }, brand: '信银', traditional: '中信銀行' },
  { name: '浦发银行', full: '上海浦东发展银行', aliases: ['浦发'], kind: 'joint-stock', stock: { code: '600000', market: 1 }, brand: '浦银', latin: 'SPDB', traditional: '上海浦東發展銀行' },
  { name: '民生银行', full: '中国民生银行', aliases: [], kind: 'joint-stock', stock: { code: '600016', market: 1 }, brand: '民生', latin: 'CMBC', traditional: '中國民生銀行' },
  { name: '平安银行', full: '平安银行', aliases: [], kind: 'joint-stock', stock: { code: '000001', market: 0 }, brand: '平安', traditional: '平安銀行' },
  { name: '光大银行', full: '中国光大银行', aliases: [], kind: 'joint-stock', stock: { code: '601818', market: 1 }, brand: '光大', latin: 'CEB', traditional: '中國光大銀行' },
  { name: '华夏银行', full: '华夏银行', aliases: [], kind: 'joint-stock', stock: { code: '600015', market: 1 }, brand: '华夏', traditional: '華夏銀行' },
  { name: '北京银行', full: '北京银行', aliases: [], kind: 'city', stock: { code: '601169', market: 1 }, brand: '京行', home: '北京' },
  { name: '宁波银行', full: '宁波银行', aliases: [], kind: 'city', stock: { code: '002142', market: 0 }, brand: '甬银', home: '浙江' },
  { name: '江苏银行', full: '江苏银行', aliases: [], kind: 'city', stock: { code: '600919', market: 1 }, brand: '苏银', home: '江苏' },
  { name: '广发银行', full: '广发银行', aliases: [], kind: 'joint-stock', brand: '广发', traditional: '廣發銀行' },
  { name: '上海银行', full: '上海银行', aliases: [], kind: 'city', stock: { code: '601229', market: 1 }, brand: '上银', home: '上海' },
  { name: '浙商银行', full: '浙商银行', aliases: [], kind: 'joint-stock', stock: { code: '601916', market: 1 }, brand: '浙银' },
  { name: '汇丰银行', full: '汇丰银行（中国）', aliases: ['汇丰中国'], kind: 'foreign', latin: 'HSBC', traditional: '滙豐銀行' },
  { name: '国家开发银行', full: '国家开发银行', aliases: ['国开行'], kind: 'policy', brand: '开行' },
  { name: '南京银行', full: '南京银行', aliases: [], kind: 'city', stock: { code: '601009', market: 1 }, brand: '宁银', home: '江苏' },
  { name: '杭州银行', full: '杭州银行', aliases: [], kind: 'city', stock: { code: '600926', market: 1 }, brand: '杭银', home: '浙江' },
  { name: '北京农商银行', full: '北京农村商业银行', aliases: ['北京农商行'], kind: 'rural', brand: '凤凰', home: '北京' },
  { name: '重庆农商银行', full: '重庆农村商业银行', aliases: ['渝农商行'], kind: 'rural', stock: { code: '601077', market: 1 }, brand: '渝农', home: '重庆' },
  { name: '渣打银行', full: '渣打银行（中国）', aliases: ['渣打中国'], kind: 'foreign', traditional: '渣打銀行' },
  { name: '中国农业发展银行', full: '中国农业发展银行', aliases: ['农发行'], kind: 'policy' },
  { name: '渤海银行', full: '渤海银行', aliases: [], kind: 'joint-stock' },
  { name: '成都银行', full: '成都银行', aliases: [], kind: 'city', stock: { code: '601838', market: 1 }, home: '四川' },
  { name: '长沙银行', full: '长沙银行', aliases: [], kind: 'city', stock: { code: '601577', market: 1 }, home: '湖南' },
  { name: '上海农商银行', full: '上海农村商业银行', aliases: ['沪农商行'], kind: 'rural', stock: { code: '601825', market: 1 }, home: '上海' },
  { name: '恒丰银行', full: '恒丰银行', aliases: [], kind: 'joint-stock' },
  { name: '中国进出口银行', full: '中国进出口银行', aliases: [], kind: 'policy' },
  { name: '徽商银行', full: '徽商银行', aliases: [], kind: 'city', home: '安徽' },
  { name: '重庆银行', full: '重庆银行', aliases: [], kind: 'city', stock: { code: '601963', market: 1 }, home: '重庆' },
  { name: '广州农商银行', full: '广州农村商业银行', aliases: [], kind: 'rural', home: '广东' },
  { name: '青岛银行', full: '青岛银行', aliases: [], kind: 'city', stock: { code: '002948', market: 0 }, home: '山东' },
  { name: '微众银行', full: '深圳前海微众银行', aliases: [], kind: 'private' },
  { name: '郑州银行', full: '郑州银行', aliases: [], kind: 'city', stock: { code: '002936', market: 0 }, home: '河南' },
  { name: '西安银行', full: '西安银行', aliases: [], kind: 'city', stock: { code: '600928', market: 1 }, home: '陕西' },
  { name: '苏州银行', full: '苏州银行', aliases: [], kind: 'city', stock: { code: '002966', market: 0 }, home: '江苏' },
  { name: '东亚银行', full: '东亚银行（中国）', aliases: [], kind: 'foreign', traditional: '東亞銀行' },
  { name: '贵阳银行', full: '贵阳银行', aliases: [], kind: 'city', stock: { code: '601997', market: 1 }, home: '贵州' },
  { name: '厦门银行', full: '厦门银行', aliases: [], kind: 'city', stock: { code: '601187', market: 1 }, home: '福建' },
  { name: '齐鲁银行', full: '齐鲁银行', aliases: [], kind: 'city', stock: { code: '601665', market: 1 }, home: '山东' },
  { name: '网商银行', full: '浙江网商银行', aliases: [], kind: 'private' },
  { name: '成都农商银行', full: '成都农村商业银行', aliases: [], kind: 'rural', home: '四川' },
  { name: '花旗银行', full: '花旗银行（中国）', aliases: [], kind: 'foreign' },
  { name: '兰州银行', full: '兰州银行', aliases: [], kind: 'city', stock: { code: '001227', market: 0 }, home: '甘肃' },
  { name: '常熟农商银行', full: '江苏常熟农村商业银行', aliases: [], kind: 'rural', stock: { code: '601128', market: 1 }, home: '江苏' },
  { name: '星展银行', full: '星展银行（中国）', aliases: [], kind: 'foreign' },
  { name: '天津银行', full: '天津银行', aliases: [], kind: 'city', home: '天津' },
  { name: '哈尔滨银行', full: '哈尔滨银行', aliases: [], kind: 'city', home: '黑龙江' },
  { name: '九江银行', full: '九江银行', aliases: [], kind: 'city', home: '江西' },
  { name: '新网银行', full: '四川新网银行', aliases: [], kind: 'private' },
  { name: '青岛农商银行', full: '青岛农村商业银行', aliases: [], kind: 'rural', stock: { code: '002958', market: 0 }, home: '山东' },
  { name: '桂林银行', full: '桂林银行', aliases: [], kind: 'city', home: '广西' },
  { name: '张家港农商银行', full: '江苏张家港农村商业银行', aliases: [], kind: 'rural', stock: { code: '002839', market: 0 }, home: '江苏' },
  { name: '青海银行', full: '青海银行', aliases: [], kind: 'city', home: '青海' },
  { name: '恒生银行', full: '恒生银行（中国）', aliases: [], kind: 'foreign', traditional: '恒生銀行' },
  { name: '盛京银行', full: '盛京银行', aliases: [], kind: 'city', home: '辽宁' },
  { name: '紫金农商银行', full: '江苏紫金农村商业银行', aliases: [], kind: 'rural', home: '江苏' },
  { name: '大华银行', full: '大华银行（中国）', aliases: [], kind: 'foreign' },
];

/** The central bank is its own kind: it sets policy, it does not lend to firms. */
export const CENTRAL_BANK: BankEntry = { name: '中国人民银行', full: '中国人民银行', aliases: ['人民银行', '央行'], kind: 'central' };

/** How an article introduces a bank of each kind ("作为一家…"). */
export const KIND_DESCRIPTIONS: Readonly<Record<BankKind, string>> = {
  state: '国有大型商业银行',
  'joint-stock': '全国性股份制商业银行',
  city: '扎根地方的城市商业银行',
  rural: '服务城乡的农村商业银行',
  foreign: '在华经营多年的外资银行',
  policy: '政策性银行',
  private: '以线上服务见长的民营银行',
  central: '中央银行',
};

/** Province-level regions, by how often finance news mentions them. */
export interface Province {
  /** Short form, as `BranchMention.province` reports it. */
  readonly name: string;
  /** Formal form used in branch names (`广东省`). */
  readonly full: string;
  readonly cities: readonly string[];
}

export const PROVINCES: readonly Province[] = [
  { name: '广东', full: '广东省', cities: ['广州', '深圳', '佛山', '东莞', '珠海', '汕头', '惠州', '湛江'] },
  { name: '江苏', full: '江苏省', cities: ['南京', '苏州', '无锡', '常州', '南通', '徐州', '扬州'] },
  { name: '浙江', full: '浙江省', cities: ['杭州', '宁波', '温州', '嘉兴', '绍兴', '金华', '台州', '湖州'] },
  { name: '北京', full: '北京市', cities: ['北京'] },
  { name: '上海', full: '上海市', cities: ['上海'] },
  { name: '山东', full: '山东省', cities: ['济南', '青岛', '烟台', '潍坊', '临沂', '济宁', '威海'] },
  { name: '四川', full: '四川省', cities: ['成都', '绵阳', '宜宾', '德阳', '南充'] },
  { name: '河南', full: '河南省', cities: ['郑州', '洛阳', '南阳', '新乡', '许昌'] },
  { name: '湖北', full: '湖北省', cities: ['武汉', '宜昌', '襄阳', '荆州'] },
  { name: '福建', full: '福建省', cities: ['福州', '厦门', '泉州', '漳州'] },
  { name: '湖南', full: '湖南省', cities: ['长沙', '株洲', '湘潭', '岳阳', '常德'] },
  { name: '安徽', full: '安徽省', cities: ['合肥', '芜湖', '蚌埠', '阜阳'] },
  { name: '河北', full: '河北省', cities: ['石家庄', '唐山', '保定', '邯郸', '廊坊'] },
  { name: '重庆', full: '重庆市', cities: ['重庆'] },
  { name: '陕西', full: '陕西省', cities: ['西安', '宝鸡', '咸阳', '榆林'] },
  { name: '天津', full: '天津市', cities: ['天津'] },
  { name: '江西', full: '江西省', cities: ['南昌', '赣州', '九江', '上饶'] },
  { name: '辽宁', full: '辽宁省', cities: ['沈阳', '大连', '鞍山', '锦州'] },
  { name: '云南', full: '云南省', cities: ['昆明', '曲靖', '大理', '玉溪'] },
  { name: '广西', full: '广西壮族自治区', cities: ['南宁', '柳州', '桂林', '北海'] },
  { name: '山西', full: '山西省', cities: ['太原', '大同', '长治', '晋中'] },
  { name: '贵州', full: '贵州省', cities: ['贵阳', '遵义', '六盘水'] },
  { name: '内蒙古', full: '内蒙古自治区', cities: ['呼和浩特', '包头', '鄂尔多斯', '赤峰'] },
  { name: '黑龙江', full: '黑龙江省', cities: ['哈尔滨', '大庆', '齐齐哈尔', '牡丹江'] },
  { name: '吉林', full: '吉林省', cities: ['长春', '吉林', '四平'] },
  { name: '新疆', full: '新疆维吾尔自治区', cities: ['乌鲁木齐', '克拉玛依', '喀什'] },
  { name: '甘肃', full: '甘肃省', cities: ['兰州', '天水', '酒泉', '张掖'] },
  { name: '海南', full: '海南省', cities: ['海口', '三亚', '儋州'] },
  { name: '宁夏', full: '宁夏回族自治区', cities: ['银川', '石嘴山', '吴忠'] },
  { name: '青海', full: '青海省', cities: ['西宁', '海东', '格尔木'] },
  { name: '西藏', full: '西藏自治区', cities: ['拉萨', '日喀则', '林芝'] },
];

/** Where foreign banks open branches. */
export const FOREIGN_BANK_CITIES: readonly string[] = ['上海', '北京', '深圳', '广州', '天津', '成都', '苏州', '杭州', '武汉', '重庆', '厦门', '青岛'];

/** News outlets; `slug` is the Jekyll category, `tag` the site's tag for it. */
export interface Outlet {
  readonly name: string;
  readonly slug: string;
  readonly tag: string;
}

export const OUTLETS: readonly Outlet[] = [
  { name: '新华网', slug: 'xinhuawang', tag: '新华网新闻' },
  { name: '东方财富网', slug: 'emnews', tag: '东财滚动新闻' },
  { name: '人民日报客户端', slug: 'renminribaokehuduan', tag: '人民日报客户端新闻' },
  { name: '中国证券报', slug: 'zhongguozhengquanbao', tag: '中国证券报新闻' },
  { name: '证券时报网', slug: 'zhengquanshibaowang', tag: '证券时报网新闻' },
  { name: '上海证券报', slug: 'shanghaizhengquanbao', tag: '上海证券报新闻' },
  { name: '经济日报', slug: 'jingjiribao', tag: '经济日报新闻' },
  { name: '第一财经', slug: 'diyicaijing', tag: '第一财经新闻' },
  { name: '中国经济网', slug: 'zhongguojingjiwang', tag: '中国经济网新闻' },
  { name: '金融时报', slug: 'jinrongshibao', tag: '金融时报新闻' },
  { name: '证券日报', slug: 'zhengquanribao', tag: '证券日报新闻' },
  { name: '21世纪经济报道', slug: '21shijijingjibaodao', tag: '21世纪经济报道新闻' },
  { name: '每日经济新闻', slug: 'meirijingjixinwen', tag: '每日经济新闻新闻' },
  { name: '中国新闻网', slug: 'zhongguoxinwenwang', tag: '中国新闻网新闻' },
  { name: '央广网', slug: 'yangguangwang', tag: '央广网新闻' },
  { name: '北京商报', slug: 'beijingshangbao', tag: '北京商报新闻' },
  { name: '新京报', slug: 'xinjingbao', tag: '新京报新闻' },
  { name: '河北新闻网', slug: 'hebeixinwenwang', tag: '河北新闻网新闻' },
  { name: '南方日报', slug: 'nanfangribao', tag: '南方日报新闻' },
  { name: '光明网', slug: 'guangmingwang', tag: '光明网新闻' },
  { name: '中国网财经', slug: 'zhongguowangcaijing', tag: '中国网财经新闻' },
  { name: '大众日报', slug: 'dazhongribao', tag: '大众日报新闻' },
  { name: '四川日报', slug: 'sichuanribao', tag: '四川日报新闻' },
  { name: '青海日报', slug: 'qinghairibao', tag: '青海日报新闻' },
  { name: '消费日报', slug: 'xiaofeiribao', tag: '消费日报新闻' },
];

/** Finance vocabulary, most frequent first. */
export const TERMS: readonly string[] = [
  '普惠金融', '小微企业', '乡村振兴', '实体经济', '绿色信贷', '科技金融', '数字人民币', '专精特新',
  '数字化转型', '绿色金融', '供应链金融', '制造业中长期贷款', '养老金融', '新市民金融服务', '减费让利',
  '跨境人民币', '稳外贸', '金融科技', '住房租赁', '财富管理', '消费金融', '县域金融', '首贷户拓展',
  '无还本续贷', '知识产权质押融资', '银税互动', '转型金融', '个人养老金', '碳减排支持工具', '支农支小再贷款',
  '金融消费者权益保护', '反洗钱', '适老化改造', '跨境理财通', '粤港澳大湾区建设', '长三角一体化',
  '京津冀协同发展', '成渝地区双城经济圈', '西部陆海新通道', '共建“一带一路”', '自贸试验区建设',
  '移动支付便利化', '开放银行', '网点转型', '对公数字化', '企业年金', '资产证券化', '蓝色金融',
  '科创票据', '银团贷款', '贸易融资', '汇率避险', '数据资产融资', '新型城镇化', '保障性住房',
  '城市更新', '文旅消费', '农村集体经济', '林权抵押', '海洋经济',
];

/** Industries and sectors that loans go to. */
export const FIELDS: readonly string[] = [
  '先进制造', '新能源汽车', '集成电路', '现代农业', '生物医药', '光伏', '跨境电商', '冷链物流',
  '高端装备', '新材料', '数字经济', '文化旅游', '清洁能源', '节能环保', '特色种植', '畜牧养殖',
  '农产品加工', '智慧物流', '工业软件', '储能', '医疗器械', '纺织服装', '食品加工', '家居建材',
  '水产养殖', '茶叶', '中药材', '民宿', '商贸流通', '港口航运', '低空经济', '人工智能', '氢能',
  '精细化工', '智能家电',
];

/** Who a product is for. */
export const CUSTOMERS: readonly string[] = [
  '小微企业主', '个体工商户', '新市民', '科技型中小企业', '种养殖大户', '外贸企业', '年轻客群',
  '老年客户', '县域居民', '产业链上下游企业', '家庭农场', '农民专业合作社', '灵活就业人员', '高校毕业生',
];

/**
 * Parts of invented product names by theme. Combined as [brand] + core + suffix; none is meant to be
 * a real product, and accidental matches with real ones are harmless generic words.
 */
export const PRODUCT_PARTS: Readonly<Record<string, { readonly cores: readonly string[]; readonly suffixes: readonly string[] }>> = {
  inclusive: { cores: ['惠企', '税易', '链捷', '商户', '稳岗', '信易', '快享', '融通', '经营', '园区'], suffixes: ['贷', 'e贷', '快贷', '易贷', '通', '宝'] },
  rural: { cores: ['兴农', '惠农', '富民', '丰收', '振兴', '田园', '种粮', '牧业', '果园', '渔家'], suffixes: ['贷', 'e贷', '卡', '通', '快贷'] },
  green: { cores: ['碳惠', '绿能', '光伏', '节能', '碳易', '绿色', '清风', '循环'], suffixes: ['贷', '融', '通', '宝'] },
  tech: { cores: ['科创', '专精', '人才', '知产', '研发', '投贷', '智造', '创新'], suffixes: ['贷', '积分贷', '融', '通'] },
  housing: { cores: ['安居', '乐居', '宜居', '青年', '暖巢'], suffixes: ['家园', '公寓', '社区'] },
  service: { cores: ['颐享', '康养', '暖心', '安心', '银发'], suffixes: ['卡', '账户', '服务', '通'] },
  general: { cores: ['随心', '薪享', '悦享', '智汇', '安鑫', '月月'], suffixes: ['贷', '宝', '通', '卡', '存'] },
};

export const SURNAMES: readonly string[] = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林',
  '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁',
  '潘', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟',
  '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '方', '白', '邹', '孟', '熊', '秦', '邱', '尹',
  '薛', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '覃', '武', '戴',
];

export const GIVEN_NAME_CHARS: readonly string[] = [
  ...'明华建国志伟军平强磊洋勇杰涛斌超鹏辉刚健俊峰宇浩凯文晓红丽静敏燕芳霞婷雪琳颖慧莉欣悦博远晨航海晖嘉瑞然立新清春秋玉德荣思东林松云帆哲诚毅岩舟楠薇蕾卓恒',
];

/** Roles at a bank's head office, and at a branch. */
export const HEAD_OFFICE_ROLES: readonly string[] = ['董事长', '行长', '副行长', '相关负责人', '普惠金融事业部总经理', '首席经济学家', '董事会秘书', '公司金融部总经理', '零售业务部负责人'];
export const BRANCH_ROLES: readonly string[] = ['行长', '相关负责人', '副行长', '党委书记、行长', '普惠金融部总经理', '公司业务部负责人', '客户经理'];
/** Roles named in appointment news. */
export const APPOINTED_ROLES: readonly string[] = ['行长', '副行长', '董事长', '首席风险官', '董事会秘书', '首席信息官'];
export const EDUCATION: readonly string[] = ['经济学博士', '工商管理硕士', '高级经济师', '管理学博士', '金融学硕士', '正高级经济师'];

/** Outside commentators: never a bank, so bank-free articles may quote them. */
export const EXPERT_INSTITUTIONS: readonly string[] = ['某头部券商', '一家中型券商', '某公募基金', '某经济研究院', '某财经大学金融学院', '某金融研究所', '某资产管理公司', '某期货公司'];
export const EXPERT_ROLES: readonly string[] = ['首席经济学家', '首席分析师', '研究员', '教授', '宏观分析师', '固定收益分析师'];

/** Services a digital-yuan pilot goes live with. */
export const ECNY_SERVICES: readonly string[] = ['代发工资', '缴纳税款', '供应链融资', '预付资金监管', '跨境支付', '学费缴纳', '公积金提取', '智能合约消费贷'];

/**
 * One LPR pair per year (1-year, over-5-year), close to the published levels of that year,
 * so a 2019 article does not quote a 2024 rate.
 */
export const LPR_BY_YEAR: Readonly<Record<number, readonly (readonly [string, string])[]>> = {
  2019: [['4.31%', '4.85%'], ['4.25%', '4.85%'], ['4.20%', '4.80%'], ['4.15%', '4.80%']],
  2020: [['4.05%', '4.75%'], ['3.85%', '4.65%']],
  2021: [['3.85%', '4.65%'], ['3.80%', '4.65%']],
  2022: [['3.70%', '4.60%'], ['3.70%', '4.45%'], ['3.65%', '4.30%']],
  2023: [['3.65%', '4.30%'], ['3.55%', '4.20%'], ['3.45%', '4.20%']],
  2024: [['3.45%', '4.20%'], ['3.45%', '3.95%'], ['3.35%', '3.85%'], ['3.10%', '3.60%']],
};

/** A theme of news: how its titles, subheadings and sentences read. */
export interface Topic {
  readonly id: string;
  /** Which bank the story is about: commercial (any non-central kind), central, foreign, or none at all. */
  readonly subject: 'commercial' | 'central' | 'foreign' | 'none';
  /** Theme for invented product names. */
  readonly products: keyof typeof PRODUCT_PARTS;
  /** Whether a story may be about one branch rather than the whole bank. */
  readonly branches: boolean;
  /** Short market news: the length draw is scaled down. */
  readonly short: boolean;
  readonly titles: readonly string[];
  readonly headings: readonly string[];
  readonly sentences: readonly string[];
  /** Themes a long article may move on to in later sections. */
  readonly related: readonly string[];
}

const FEATURE_RELATED = ['inclusive', 'rural', 'green', 'tech', 'service', 'ecny', 'product', 'housing'];

/** Topics, most frequent first. */
export const TOPICS: readonly Topic[] = [
  {
    id: 'inclusive',
    subject: 'commercial',
    products: 'inclusive',
    branches: true,
    short: false,
    titles: [
      '{BR}：深耕普惠金融 为小微企业纾困解难',
      '{B}普惠型小微企业贷款余额突破{AMT}',
      '{B}推出“{PROD}” 小微企业融资跑出加速度',
      '金融活水润小微 {BR}多措并举助企稳经营',
      '{ALIAS}普惠贷款连续{NUM}个季度保持两位数增长',
      '破解融资难题 {BR}让小微企业贷款“快起来”',
      '{P}：{B}首贷户数量同比增长{PCT}',
      '{BR}普惠小微贷款平均利率再降{BP}个基点',
    ],
    headings: ['聚焦小微主体 扩大服务覆盖面', '线上线下联动 提升服务效率', '减费让利 降低综合融资成本', '精准画像 破解信息不对称', '深化银政合作 构建服务生态'],
    sentences: [
      '截至{MD}，{B}普惠型小微企业贷款余额达{AMT}，较年初增长{PCT}，高于各项贷款平均增速。',
      '{BR}组建了{NUM}支普惠金融服务专班，深入园区、商圈和产业集群，逐户摸排企业的资金需求。',
      '依托大数据风控模型，“{PROD}”实现了线上申请、自动审批、随借随还，最快{NUM}分钟即可放款。',
      '今年以来，{B}累计为{HH}小微企业和个体工商户发放贷款{AMT}，其中首贷户占比超过三成。',
      '为降低企业融资成本，{BR}对符合条件的小微企业减免账户管理费、结算手续费等费用，全年预计让利{SMALL}。',
      '{C}一家从事{F}的小微企业负责人告诉记者，此前因缺少抵押物，融资一直是难题，如今凭借纳税记录就获得了{SMALL}信用贷款。',
      '{B}持续优化小微企业授信审批流程，将单户{SMALL}以下贷款的审批权限下放至支行，审批时间缩短至{NUM}个工作日以内。',
      '在{T}领域，{BR}与当地税务、市场监管等部门开展数据共享，让企业的“信用”变成了“真金白银”。',
      '{B}普惠小微贷款平均利率较上年下降{BP}个基点，综合融资成本保持在较低水平。',
      '针对个体工商户经营周期短、资金需求急的特点，{B}推出了额度循环使用的经营贷款产品。',
      '对经营暂时遇到困难的小微企业，{BR}通过无还本续贷、展期等方式帮助其渡过难关，累计办理续贷{AMT}。',
      '{B}还将普惠金融纳入分支机构绩效考核，实行内部资金转移价格优惠，激发基层“敢贷、愿贷、能贷”的内生动力。',
      '数据显示，{B}服务的小微客户中，超过{NUM}%集中在{F}、批发零售和住宿餐饮等行业。',
      '{C}某产业园区内，{NUM}家入驻企业通过“{PROD}”获得了授信，园区管委会与{BR}建立了常态化对接机制。',
      '{CO}是一家主营{F}的小型企业，去年订单大增，流动资金一度吃紧。{BR}客户经理上门了解情况后，{NUM}天内为其发放了{SMALL}信用贷款。',
      '“原来以为没有厂房抵押就贷不到款，没想到凭着开票数据就拿到了额度。”{CO}负责人{PERN2}说。',
      '{B}将小微企业划分为初创、成长、成熟等不同阶段，分别匹配信用贷、抵押贷和供应链融资等产品组合。',
      '为了让政策红利直达市场主体，{BR}梳理了{NUM}项惠企措施，编印成册发放到园区和商会。',
      '{BR}在{C}的{NUM}个乡镇设立了普惠金融服务站，由网点员工轮流驻点，帮助商户解决开户、结算和融资问题。',
    ],
    related: FEATURE_RELATED,
  },
  {
    id: 'rural',
    subject: 'commercial',
    products: 'rural',
    branches: true,
    short: false,
    titles: [
      '{BR}：金融赋能乡村振兴 绘就{P}和美乡村新图景',
      '{B}涉农贷款余额超{AMT} 助力{F}提质增效',
      '“{PROD}”进村入户 {BR}打通农村金融服务“最后一公里”',
      '{ALIAS}加大{P}县域信贷投放 服务乡村全面振兴',
      '春耕备耕不误农时 {BR}送金融活水下乡',
      '{B}：让{F}产业链上的农户贷得到、贷得快',
    ],
    headings: ['做实县域金融 夯实服务根基', '聚焦特色产业 激活乡村动能', '延伸服务触角 打通最后一公里', '创新担保方式 缓解农户融资难'],
    sentences: [
      '截至{MD}，{B}涉农贷款余额{AMT}，其中普惠型涉农贷款较年初增加{AMT}。',
      '{BR}围绕{C}的{F}产业，推出了以订单、仓单和农业设施为抵押的专属信贷方案。',
      '在{P}的不少村庄，{B}设立的惠农服务点可以办理小额取现、转账和社保缴费，村民不出村就能享受基础金融服务。',
      '种植大户{PERN2}算了一笔账：有了{SMALL}的“{PROD}”，今年新添的烘干设备提前投入使用，每亩地能多收不少。',
      '{B}与当地农业农村部门合作建立新型农业经营主体名单，对名单内的家庭农场和合作社实行优先授信。',
      '春耕时节，{BR}组织{NUM}支金融服务队深入田间地头，现场为农户办理授信。',
      '为解决农户缺少有效抵押的问题，{B}探索开展土地经营权、农机具和活体畜禽抵押贷款。',
      '{B}还发行了乡村振兴主题金融债券，募集资金专项用于{F}等涉农领域。',
      '通过“党建+金融”模式，{BR}与{NUM}个行政村结成共建对子，把信用评定工作做到每家每户。',
      '据介绍，{BR}今年已累计发放粮食生产相关贷款{AMT}，覆盖种植面积超过{NUM}万亩。',
      '在推动乡村产业发展的同时，{B}也在县域网点推广适合农民使用的手机银行“大字版”。',
      '{C}一家{F}合作社负责人说，过去贷款要跑好几趟，现在客户经理上门采集信息，一周内就拿到了资金。',
      '{CO}带动周边{NUM}个村发展{F}，资金周转压力较大。{BR}为其核定{SMALL}授信，并为合作农户提供配套的小额贷款。',
      '“以前卖粮要等收购商，现在有了流动资金，可以等到价格合适再出手。”{P}一位种粮户{PERN2}说。',
      '{B}依托县域网点和村级服务点，把信用户、信用村评定扩大到{NUM}个乡镇，农户凭信用就能获得贷款。',
      '针对{F}生产周期长的特点，{BR}把贷款期限延长至{TENOR}年，并允许按季付息、到期还本。',
      '在{C}下辖的县域，{B}还联合保险机构推出“贷款+保险”模式，降低了农户因灾返贫的风险。',
    ],
    related: FEATURE_RELATED,
  },
  {
    id: 'central-lpr',
    subject: 'central',
    products: 'general',
    branches: false,
    short: true,
    titles: [
      '{MON}月LPR公布：1年期{RATE1}、5年期以上{RATE5}',
      'LPR连续{NUM}个月保持不变 专家称后续仍有下调空间',
      '最新LPR出炉 5年期以上报{RATE5}',
      '{MON}月贷款市场报价利率维持不变',
    ],
    headings: ['报价保持稳定', '政策利率是关键锚', '后续走势'],
    sentences: [
      '{MD}，全国银行间同业拆借中心公布最新贷款市场报价利率（LPR）：1年期LPR为{RATE1}，5年期以上LPR为{RATE5}。',
      '{EXP}认为，当前政策利率保持稳定，LPR报价短期内大幅调整的可能性不大。',
      '5年期以上LPR是房贷利率的定价基准，其变化直接影响新发放住房贷款的利率水平。',
      '从银行端看，净息差仍处于较低水平，进一步下调LPR需要负债成本同步下降。',
      '{B}此前表示，将引导金融机构降低实际贷款利率，推动社会综合融资成本稳中有降。',
      '市场普遍预计，随着稳增长政策持续发力，LPR仍有一定下行空间。',
      '{EXP}指出，LPR改革以来，贷款利率的市场化程度明显提高，企业贷款加权平均利率处于历史低位。',
      '本月LPR报价与上月持平，符合此前多数机构的判断，{DMON}月中旬公布的MLF操作利率同样没有变化。',
      '从报价行的角度看，银行在存款端的成本下降速度有限，LPR的调整需要兼顾{T}和银行自身的稳健经营。',
      '{EXP}提醒，存量房贷利率将在下一个重定价日按照最新的LPR进行调整，借款人可留意合同约定的重定价周期。',
      '数据显示，{DMON}月企业贷款加权平均利率为{LOWPCT}，同比下降{BP}个基点，处于有统计以来的较低水平。',
      '部分机构在报告中预测，年内5年期以上LPR仍存在{BP}个基点左右的下调空间。',
    ],
    related: ['central-rrr', 'central-omo'],
  },
  {
    id: 'green',
    subject: 'commercial',
    products: 'green',
    branches: true,
    short: false,
    titles: [
      '{B}绿色贷款余额突破{AMT} 同比增长{PCT}',
      '{BR}落地首笔碳排放权质押贷款',
      '践行“双碳”目标 {B}以绿色金融助力{P}低碳转型',
      '{B}发行{AMT}绿色金融债券 募集资金投向清洁能源项目',
      '{ALIAS}绿色信贷提速扩面 重点支持{F}',
    ],
    headings: ['完善绿色金融体系', '创新绿色金融产品', '支持传统产业低碳转型', '加强环境与气候风险管理'],
    sentences: [
      '截至{MD}，{B}绿色贷款余额达{AMT}，较年初增长{PCT}，增速高于全行各项贷款。',
      '{BR}向{C}一家{F}企业发放碳排放权质押贷款{SMALL}，这也是当地首笔同类业务。',
      '{B}将环境、社会和治理因素纳入授信全流程，对高耗能、高排放项目实行名单制管理。',
      '借助碳减排支持工具，{B}已向清洁能源、节能环保等领域发放优惠利率贷款{AMT}。',
      '{B}此次发行的绿色金融债券期限{TENOR}年，票面利率{LOWPCT}，认购倍数达{MULT}倍。',
      '在光伏、风电等项目中，{BR}采用项目融资和银团贷款相结合的方式，满足企业大额、长期的资金需求。',
      '{B}还推出了面向个人客户的绿色信用卡和新能源汽车贷款，引导绿色消费。',
      '测算显示，{B}支持的绿色项目每年可减少二氧化碳排放约{NUM}万吨。',
      '面对{F}行业的转型压力，{BR}为企业量身定制了技术改造贷款，帮助其降低单位产值能耗。',
      '{B}表示，将继续完善绿色金融标准和信息披露，力争绿色贷款占比逐年提升。',
      '在{C}，“{PROD}”已支持{NUM}个分布式光伏和储能项目，企业用电成本明显下降。',
      '{CO}计划新建一条节能生产线，{BR}为其提供{SMALL}中长期贷款，项目投产后年用电量预计下降约两成。',
      '{B}已将气候风险纳入压力测试范围，对{F}等行业开展了情景分析。',
      '在{C}，{BR}联合当地生态环境部门建立了绿色项目库，入库企业可享受优先审批和利率优惠。',
      '据介绍，{B}绿色债券承销规模连续{NUM}年位居同业前列，募集资金主要投向清洁交通和可再生能源。',
      '“绿色转型不是一句口号，要落到每一笔贷款的投向上。”{PER}说。',
    ],
    related: FEATURE_RELATED,
  },
  {
    id: 'results',
    subject: 'commercial',
    products: 'general',
    branches: false,
    short: false,
    titles: [
      '{B}发布{PERIOD}业绩：净利润同比增长{PCT}',
      '{B}{PERIOD}营收{REV} 不良率降至{NPL}',
      '{ALIAS}{PERIOD}归母净利润{PROFIT} 拟每10股派息{DIV}元',
      '资产质量稳中向好 {B}总资产突破{ASSETSFLOOR}',
      '{B}{PERIOD}报告：净息差{NIM} 零售转型持续推进',
    ],
    headings: ['经营业绩稳健增长', '资产质量保持稳定', '服务实体经济质效提升', '持续推进数字化转型'],
    sentences: [
      '{MD}晚间，{B}披露{PERIOD}报告。报告期内，该行实现营业收入{REV}，同比增长{PCT}；归属于股东的净利润{PROFIT}，同比增长{PCT}。',
      '截至报告期末，{B}资产总额{ASSETS}，较上年末增长{PCT}；贷款总额{LOANS}，存款总额{DEPOSITS}。',
      '资产质量方面，{B}不良贷款率为{NPL}，较上年末下降{BP}个基点；拨备覆盖率{COVER}，风险抵补能力充足。',
      '受贷款市场报价利率下行等因素影响，{B}净息差为{NIM}，同比收窄{BP}个基点。',
      '{B}表示，面对复杂多变的外部环境，该行坚持稳中求进，持续加大对重点领域和薄弱环节的信贷支持。',
      '分业务看，{B}零售金融业务收入占比提升至{NUM}%，财富管理客户数量稳步增长。',
      '{B}董事会建议向全体股东派发现金股息，每10股派发人民币{DIV}元（含税）。',
      '从资本水平看，{B}核心一级资本充足率为{CET1}，满足监管要求并保持一定安全边际。',
      '多家机构认为，{B}资产质量保持稳定，估值仍处于历史较低区间，具备一定的配置价值。',
      '{PER}在业绩发布会上表示，下阶段将把{T}作为重点方向，推动结构调整和提质增效。',
      '报告期内，{B}手续费及佣金净收入{FEE}，其中代理业务和银行卡业务收入有所回升。',
      '按业务板块划分，公司金融业务实现营业收入{REVPART}，个人金融业务实现营业收入{REVPART}。',
      '{B}在业绩说明会上透露，{Y}年将继续加大{F}等领域的信贷投放，预计全年新增贷款与上年基本持平。',
      '从负债端看，{B}存款付息率同比下降{BP}个基点，一定程度上对冲了资产收益率的下行。',
      '{EXP}点评称，{B}营收增速好于市场预期，中间业务收入企稳回升是主要亮点。',
      '截至报告期末，{B}个人客户数突破{NUM}亿户，手机银行月活跃用户数同比增长{PCT}。',
    ],
    related: ['results', 'product'],
  },
  {
    id: 'tech',
    subject: 'commercial',
    products: 'tech',
    branches: true,
    short: false,
    titles: [
      '{B}科技企业贷款余额突破{AMT}',
      '{BR}：以“{PROD}”为专精特新企业插上金融翅膀',
      '服务科技自立自强 {B}打造科技金融特色品牌',
      '{ALIAS}设立{NUM}家科技特色支行 聚焦{F}',
    ],
    headings: ['构建科技金融专营体系', '从“看报表”到“看技术”', '投贷联动 陪伴企业成长'],
    sentences: [
      '{B}在{C}等地设立了科技特色支行，配备熟悉{F}行业的专职团队。',
      '与传统信贷看抵押、看报表不同，{BR}引入技术评价模型，把专利、研发投入和人才团队纳入授信考量。',
      '{C}一家{F}企业成立不到{NUM}年，凭借多项发明专利获得了{B}{SMALL}的知识产权质押贷款。',
      '截至{MD}，{B}已服务专精特新企业{HH}，贷款余额较年初增长{PCT}。',
      '{B}联合集团内投资、租赁等子公司，为科技企业提供“贷款+外部直投+资本市场”的接力式服务。',
      '针对初创期企业轻资产、高成长的特点，{BR}推出了以未来订单和股权价值为参考的“{PROD}”。',
      '业内人士认为，科技金融的关键在于建立适合科技企业的风险识别方式，而不是简单沿用传统授信逻辑。',
      '{B}还定期举办科创企业路演和投融资对接会，帮助企业链接产业和资本资源。',
      '据统计，{BR}今年以来为{NUM}家高新技术企业发放首笔贷款，户均金额{SMALL}。',
      '{CO}专注{F}研发，成立以来一直处于投入期，缺少传统意义上的抵押物。{BR}依据其研发团队和专利情况，核定了{SMALL}信用额度。',
      '{B}对科技型企业实行差异化的风险容忍度，允许不良率在一定范围内高于全行平均水平。',
      '{BR}与{C}科技部门共建企业名单，名单内企业可以通过线上渠道直接申请“{PROD}”。',
      '“企业最缺钱的时候，往往也是最难拿到贷款的时候。”{PER}说，科技金融要敢于在早期介入。',
      '据统计，{B}服务的科技型企业中，有{NUM}家在近年登陆资本市场。',
    ],
    related: FEATURE_RELATED,
  },
  {
    id: 'markets',
    subject: 'commercial',
    products: 'general',
    branches: false,
    short: true,
    titles: [
      '银行板块午后拉升 {B}涨超{SMALLPCT}',
      '{B}股价创年内新高 年内累计上涨{PCT}',
      '隔夜SHIBOR下行{BP}个基点 报{SHIBOR}',
      '{B}获多家机构增持 资金加仓银行股',
      '{ALIAS}一年期同业存单发行利率降至{LOWPCT}',
    ],
    headings: ['板块表现', '资金面观察'],
    sentences: [
      '{MD}午后，银行板块集体走强，{B}涨超{SMALLPCT}，{OB}、{OB2}等跟涨。',
      '截至收盘，{B}报{PRICE}元，全天成交额{AMT}。',
      '{EXP}表示，银行股股息率较高，在市场风险偏好下降时具备较强的防御属性。',
      '今年以来，中证银行指数累计上涨{PCT}，表现好于大盘。',
      '{MD}，上海银行间同业拆放利率（SHIBOR）隔夜品种报{SHIBOR}，7天期报{SHIBOR}。',
      '{B}一年期同业存单发行利率为{LOWPCT}，较上月下行{BP}个基点。',
      '从估值看，银行板块整体市净率仍低于1倍，处于历史较低水平。',
      '{EXP}认为，随着稳增长政策加码，银行资产质量预期改善，板块估值有望修复。',
      '资金流向方面，银行板块当日获主力资金净流入{AMT}，为近一个月以来的较高水平。',
      '{OB}、{OB2}等个股盘中创出阶段新高，板块内仅少数个股小幅收跌。',
      '{EXP}指出，年末银行股往往有一定的“估值切换”行情，高股息品种更受长线资金青睐。',
    ],
    related: ['markets'],
  },
  {
    id: 'ecny',
    subject: 'commercial',
    products: 'general',
    branches: true,
    short: false,
    titles: [
      '数字人民币试点再扩容 {B}在{C}上线多个应用场景',
      '{BR}落地{P}首笔数字人民币{ECNY}业务',
      '{B}数字人民币钱包开立数量突破{NUM}万个',
      '数字人民币“红包”来了 {C}市民可通过{B}领取',
    ],
    headings: ['场景建设不断丰富', '从试点走向推广'],
    sentences: [
      '{MD}，{BR}成功办理{P}首笔数字人民币{ECNY}业务，交易金额{SMALL}。',
      '目前，市民可在{B}手机银行开通数字人民币钱包，在商超、公交、餐饮等场景扫码支付。',
      '{B}已在{C}完成{NUM}个数字人民币智慧食堂、停车场和菜市场的改造。',
      '与传统电子支付相比，数字人民币支持“双离线”支付，在网络信号不佳时仍能完成交易。',
      '为推广数字人民币，{C}联合{B}发放数字人民币消费红包，总额达{SMALL}。',
      '{B}相关负责人表示，将持续丰富数字人民币在政务缴费、养老服务和乡村振兴中的应用。',
      '数字人民币是中国人民银行发行的法定数字货币，由指定运营机构参与运营并向公众兑换。',
      '截至{MD}，{B}累计开立数字人民币钱包{NUM}万个，交易金额超过{AMT}。',
      '{C}一家连锁超市负责人介绍，开通数字人民币收款后，资金实时到账，省去了对账环节。',
      '{BR}还把数字人民币应用到{F}企业的供应链结算中，上下游企业之间的货款可以即时清算。',
      '在{C}的部分公交线路，乘客使用{B}数字人民币钱包乘车可享受{NUM}折优惠。',
    ],
    related: FEATURE_RELATED,
  },
  {
    id: 'central-rrr',
    subject: 'central',
    products: 'general',
    branches: false,
    short: true,
    titles: [
      '央行宣布降准{RRR}个百分点 释放长期资金约{RRRAMT}',
      '中国人民银行：{MD}起下调金融机构存款准备金率',
      '降准落地 专家称将降低金融机构资金成本',
    ],
    headings: ['释放长期资金', '货币政策取向'],
    sentences: [
      '{B}决定于{MD}下调金融机构存款准备金率{RRR}个百分点（不含已执行5%存款准备金率的金融机构）。',
      '此次降准共计释放长期资金约{RRRAMT}，有助于优化金融机构的资金结构、增强信贷投放能力。',
      '{B}有关负责人表示，此次降准不是大水漫灌，稳健的货币政策取向没有改变。',
      '{EXP}指出，降准每年可降低金融机构资金成本约{AMT}，并通过信贷传导至实体经济。',
      '降准后，金融机构加权平均存款准备金率约为{RRRLEVEL}。',
      '{EXP}认为，降准释放的资金将更多投向小微企业、科技创新和绿色发展等领域。',
      '这是{Y}年以来{B}第{ORD}次全面降准，市场此前对此已有一定预期。',
      '降准消息公布后，国债期货主力合约小幅走高，{F}等板块盘中表现活跃。',
      '{EXP}表示，从时点上看，此次降准有助于对冲税期和政府债券发行高峰带来的流动性波动。',
      '对于降准对楼市的影响，{EXP}认为，释放的资金主要用于支持实体经济，不会大规模流向房地产。',
      '{B}同时强调，将继续坚持不搞“大水漫灌”，保持货币供应量和社会融资规模增速同名义经济增速基本匹配。',
    ],
    related: ['central-lpr', 'central-omo'],
  },
  {
    id: 'service',
    subject: 'commercial',
    products: 'service',
    branches: true,
    short: false,
    titles: [
      '{BR}开展金融知识宣传进社区活动',
      '守护百姓“钱袋子” {B}筑牢反诈防线',
      '{B}推进网点适老化改造 让老年人办业务更省心',
      '{BR}成功拦截一起电信网络诈骗 为客户挽回损失{SMALL}',
      '{ALIAS}手机银行长辈版上线 字更大操作更简单',
    ],
    headings: ['把宣传送到群众身边', '筑牢资金安全防线', '让服务更有温度'],
    sentences: [
      '近日，{BR}工作人员走进{C}多个社区，向居民讲解识别非法集资和电信网络诈骗的常见手法。',
      '{MD}上午，一位老年客户来到{B}{C}某支行，要求向陌生账户转账{SMALL}。大堂经理察觉异常后及时劝阻并报警，成功避免了客户损失。',
      '{B}在营业网点设置爱心窗口和老年人专座，配备老花镜、放大镜等便民设施。',
      '针对老年客户使用智能设备的困难，{B}手机银行推出了字体更大、操作更简便的长辈版。',
      '今年以来，{B}累计开展各类金融知识宣传活动{NUM}场，覆盖群众{NUM}万人次。',
      '{BR}还与当地公安机关建立了涉诈资金快速止付机制，提高了可疑交易的处置效率。',
      '{B}提醒广大客户，不要轻信陌生来电和短信，不向他人出借银行卡和账户。',
      '在{C}，{B}将部分网点打造为“暖心驿站”，为环卫工人、快递小哥等户外劳动者提供歇脚、饮水等服务。',
      '{B}还为行动不便的老年客户提供上门服务，今年以来累计上门{NUM}次。',
      '{BR}在{C}的{NUM}家网点开设了“无障碍通道”，为残障人士和老年人提供手语服务和上门办理。',
      '{MD}，{B}{C}某支行柜员发现一名客户频繁接打电话、神情紧张，经耐心询问，确认其正遭遇冒充客服诈骗。',
      '{B}消费者权益保护部门负责人表示，今年以来该行客户投诉量同比下降{PCT}，处理满意度持续提升。',
      '围绕“金融知识万里行”等主题，{BR}组织员工走进学校、工地和集市，发放宣传资料{NUM}万份。',
    ],
    related: FEATURE_RELATED,
  },
  {
    id: 'product',
    subject: 'commercial',
    products: 'general',
    branches: true,
    short: false,
    titles: [
      '{B}推出“{PROD}” 满足{CUST}多元化金融需求',
      '{BR}“{PROD}”上线 首月放款{AMT}',
      '{B}升级手机银行{VER}版本 新增{NUM}项功能',
    ],
    headings: ['产品亮点', '线上办理更便捷'],
    sentences: [
      '{MD}，{B}正式推出“{PROD}”，主要面向{CUST}，单户最高额度{SMALL}。',
      '客户通过{B}手机银行即可在线申请“{PROD}”，系统根据经营和信用数据自动核定额度。',
      '“{PROD}”上线{NUM}个月以来，已累计服务客户{HH}，放款金额{AMT}。',
      '{BR}相关负责人介绍，该产品在利率定价上给予优惠，平均利率低于同类产品{BP}个基点。',
      '据悉，{B}下一步将结合不同地区的产业特点，推出更多差异化的区域特色产品。',
      '新版手机银行对首页进行了重新设计，将转账、理财和缴费等常用功能集中展示，并新增了{T}专区。',
      '业内人士表示，银行产品创新正从“有没有”转向“好不好”，更加注重客户体验和风险控制的平衡。',
      '{B}介绍，“{PROD}”全流程线上办理，从申请到放款最快只需{NUM}分钟。',
      '与以往产品相比，“{PROD}”在额度测算中加入了{F}行业的经营数据，授信更贴近企业实际。',
      '{C}一家{F}企业负责人{PERN2}是“{PROD}”的首批客户，他说，线上申请后当天就收到了额度。',
    ],
    related: FEATURE_RELATED,
  },
  {
    id: 'housing',
    subject: 'commercial',
    products: 'housing',
    branches: true,
    short: false,
    titles: [
      '{B}下调存量首套房贷利率 平均降幅约{BP}个基点',
      '{C}多家银行首套房贷利率降至{LOWPCT}',
      '{B}发力住房租赁金融 {C}“{PROD}”社区开业',
    ],
    headings: ['利率调整平稳落地', '租购并举 支持新市民安居'],
    sentences: [
      '根据{B}发布的公告，符合条件的存量首套住房商业性个人住房贷款利率将于{MD}起统一批量调整。',
      '记者从{C}多家银行了解到，目前当地首套住房商业贷款利率普遍执行LPR减{BP}个基点，二套住房利率略高。',
      '{B}测算显示，调整后借款人每年可减少利息支出约{SMALL}，有助于稳定居民消费预期。',
      '{B}通过收购存量房源、改造闲置厂房等方式，在{C}筹集保障性租赁住房{NUM}套（间）。',
      '对于新市民和青年人，“{PROD}”长租社区提供拎包入住的房源，租金低于周边市场水平。',
      '业内人士分析，房贷利率下行有利于降低购房成本，但房地产市场的企稳仍需政策持续发力。',
      '{B}客户经理提醒，借款人无需到网点办理，可通过手机银行查询调整后的利率和还款计划。',
      '{C}市民{PERN2}算了一笔账：房贷利率下调后，每月还款减少了约{NUM}百元，一年能省下不少。',
      '{BR}与{C}住房保障部门合作，为新就业大学生和一线职工提供租金优惠的长租房源。',
      '{B}还发放住房租赁贷款{AMT}，支持{C}等城市的保障性租赁住房项目建设。',
    ],
    related: FEATURE_RELATED,
  },
  {
    id: 'personnel',
    subject: 'commercial',
    products: 'general',
    branches: false,
    short: false,
    titles: [
      '{B}公告：{PERN}任该行{ROLE}',
      '{B}迎来新任{ROLE} 任职资格已获核准',
      '{ALIAS}高管调整 {PERN}出任{ROLE}',
    ],
    headings: ['履历丰富', '新管理层的挑战'],
    sentences: [
      '{MD}，{B}发布公告称，董事会同意聘任{PERN}为该行{ROLE}，其任职资格已获监管部门核准。',
      '公开资料显示，{PERN}现年{AGE}岁，{EDU}，拥有{NUM}年以上金融从业经历，曾在多家分支机构和总行部门任职。',
      '此前，{B}{ROLE}一职由{PERN2}代为履职。',
      '业内人士指出，新任管理层到位后，{B}在{T}等方面的战略布局值得关注。',
      '{PERN}表示，将坚持稳健经营，把服务实体经济作为根本宗旨，推动{B}高质量发展。',
      '据了解，{PERN}长期从事{T}相关工作，对风险管理和零售业务较为熟悉。',
      '近期，多家银行高管层发生调整，{OB}、{OB2}等也相继公告了新任高管的任职信息。',
      '{PERN}此前在{B}多个岗位任职，先后负责过{T}和风险管理等工作，被业内认为是“懂业务、懂风控”的管理者。',
      '根据公告，{PERN}的任期自监管部门核准之日起，至本届董事会任期届满时止。',
    ],
    related: ['personnel', 'results'],
  },
  {
    id: 'deposit',
    subject: 'commercial',
    products: 'general',
    branches: false,
    short: true,
    titles: [
      '{B}等多家银行下调存款利率 一年期定存利率降至{DEP1}',
      '新一轮存款利率调整落地 {B}、{OB}跟进下调',
      '存款利率再下调 {B}大额存单额度紧俏',
    ],
    headings: ['多家银行跟进', '储蓄资金流向'],
    sentences: [
      '{MD}，{B}、{OB}、{OB2}等多家银行发布公告，下调人民币存款挂牌利率。',
      '调整后，{B}一年期定期存款利率为{DEP1}，三年期和五年期定期存款利率分别下调{BP}个基点。',
      '这是今年以来国有大型银行第{ORD}次下调存款利率，股份制银行和部分城商行也陆续跟进。',
      '业内人士认为，下调存款利率有助于降低银行负债成本，缓解净息差收窄的压力。',
      '{EXP}表示，存款利率下调后，部分居民储蓄可能流向理财、基金等产品，但整体规模不会大幅波动。',
      '记者走访{C}多家银行网点发现，大额存单额度紧俏，部分期限的产品已经售罄。',
      '{C}一位储户{PERN2}说，她把到期的定期存款转存为三年期，虽然利率比去年低了一些，但胜在稳定。',
      '{EXP}认为，存款利率市场化调整机制运行以来，银行存款利率的调整更加及时地反映了市场利率变化。',
      '调整后，{B}活期存款利率降至0.{NUM}%以下，通知存款利率同步下调。',
    ],
    related: ['deposit', 'markets'],
  },
  {
    id: 'central-omo',
    subject: 'central',
    products: 'general',
    branches: false,
    short: true,
    titles: [
      '央行开展{AMT}逆回购操作 中标利率{OMORATE}',
      '中国人民银行开展{AMT}MLF操作 利率保持不变',
      '人民银行增加支农支小再贷款额度{AMT}',
    ],
    headings: ['公开市场操作', '资金面展望'],
    sentences: [
      '{MD}，{B}以利率招标方式开展了{AMT}7天期逆回购操作，中标利率{OMORATE}。',
      '当日有部分逆回购到期，{B}实现净投放{AMT}。',
      '{B}当日还开展了{AMT}中期借贷便利（MLF）操作，中标利率与上期持平。',
      '当日资金面整体均衡偏松，隔夜SHIBOR报{SHIBOR}，较前一交易日下行{BP}个基点。',
      '分析人士认为，月末财政支出加快，叠加央行适时投放流动性，资金面有望保持平稳。',
      '{B}表示，将综合运用多种货币政策工具，保持流动性合理充裕。',
      '{EXP}指出，增加再贷款额度体现了结构性货币政策工具“精准滴灌”的特点。',
      '本周央行公开市场共有{AMT}逆回购到期，周五还将有一笔MLF到期。',
      '{EXP}认为，央行近期连续开展较大规模的公开市场操作，释放出呵护流动性的信号。',
      '从资金价格看，存款类机构7天期质押式回购加权利率报{OMORATE}附近，较上周小幅回落。',
      '季末前后金融机构考核压力加大，资金需求阶段性上升，央行加大投放力度符合市场预期。',
      '{B}表示，将加强对市场流动性的监测分析，灵活开展公开市场操作，熨平资金面的短期波动。',
    ],
    related: ['central-lpr', 'central-rrr'],
  },
  {
    id: 'foreign',
    subject: 'foreign',
    products: 'general',
    branches: true,
    short: false,
    titles: [
      '{B}：看好中国经济长期发展前景 持续加大在华投入',
      '{BR}开业 外资银行加码布局{C}',
      '{B}发布报告：预计{Y}年中国经济增长{GDP}左右',
    ],
    headings: ['持续深耕中国市场', '跨境服务优势凸显'],
    sentences: [
      '{MD}，{BR}正式开业，这是该行在华设立的第{NUM}家分行。',
      '{PER}表示，中国经济韧性强、潜力大，长期向好的基本面没有改变。',
      '{B}预计，{Y}年中国国内生产总值增速将达到{GDP}左右，消费将成为主要拉动力量。',
      '近年来，金融业对外开放持续推进，外资银行在华资产规模稳步增长。',
      '{B}在跨境贸易融资、现金管理和外汇衍生品等领域具有优势，服务了大量“走出去”和“引进来”的企业。',
      '随着跨境理财通等机制不断优化，{B}在粤港澳大湾区的跨境财富管理业务增长明显。',
      '{B}还计划在{C}扩充团队，重点服务{F}等领域的跨国企业。',
      '{B}在华法人机构目前已覆盖{NUM}个城市，员工总数超过{NUM}百人。',
      '“中国市场的规模和活力，对跨国企业依然具有很强的吸引力。”{PER}说。',
      '据了解，{BR}开业后将重点开展公司银行、贸易结算和跨境资金管理等业务。',
      '{B}近期发布的调查显示，受访的跨国企业中，多数计划在未来{NUM}年内维持或扩大在华投资。',
      '在绿色金融领域，{B}去年参与承销了多笔中资企业发行的境外绿色债券。',
      '随着人民币国际化稳步推进，{B}的人民币跨境结算业务量同比增长{PCT}。',
    ],
    related: ['foreign'],
  },
  {
    id: 'macro',
    subject: 'none',
    products: 'general',
    branches: false,
    short: true,
    titles: [
      '{DMON}月CPI同比上涨{CPI} 核心CPI保持稳定',
      '{DMON}月制造业PMI为{PMI} 景气水平有所回升',
      '{P}经济运行稳中有进 规上工业增加值增长{PCT}',
      '财政部：{PERIODY}全国一般公共预算收入同比增长{SMALLPCT}',
    ],
    headings: ['价格温和回升', '内需逐步恢复'],
    sentences: [
      '国家统计局{MD}发布数据显示，{DMON}月份全国居民消费价格指数（CPI）同比上涨{CPI}，环比基本持平。',
      '其中，食品价格同比下降{SMALLPCT}，非食品价格上涨{SMALLPCT}。',
      '{EXP}分析称，随着促消费政策持续发力，国内需求有望逐步回暖。',
      '{DMON}月份，制造业采购经理指数（PMI）为{PMI}，较上月上升{PMIDELTA}个百分点。',
      '从分项指数看，生产指数和新订单指数均位于临界点以上，表明制造业生产扩张有所加快。',
      '{P}统计部门数据显示，当地规模以上工业增加值同比增长{PCT}，固定资产投资保持平稳。',
      '财政部{MD}发布数据，{PERIODY}全国一般公共预算收入同比增长{SMALLPCT}。',
      '分析人士指出，稳增长政策将继续聚焦扩大内需和稳定就业，{F}等新动能加快成长。',
      '从环比看，{DMON}月份CPI环比下降{SMALLPCT}，其中鲜菜和猪肉价格回落明显。',
      '{EXP}预计，随着稳增长政策效果逐步显现，下半年主要经济指标有望延续回升态势。',
      '{P}{DMON}月份社会消费品零售总额同比增长{PCT}，汽车、家电等大宗消费表现较好。',
    ],
    related: ['macro', 'stocks'],
  },
  {
    id: 'stocks',
    subject: 'none',
    products: 'general',
    branches: false,
    short: true,
    titles: [
      'A股三大指数集体收涨 {F}板块领涨',
      '在岸人民币兑美元收报{FX}',
      '10年期国债收益率降至{BOND} 债市延续强势',
      '{F}概念股午后异动 多只个股涨停',
    ],
    headings: ['盘面回顾', '后市展望'],
    sentences: [
      'A股三大指数{MD}集体收涨，沪指涨{SMALLPCT}，深证成指涨{SMALLPCT}，创业板指涨{SMALLPCT}。',
      '两市成交额{AMT}，较上一交易日有所放大，北向资金全天净买入{AMT}。',
      '在岸人民币兑美元{MD}收报{FX}，较上一交易日{UPDOWN}{PIPS}个基点。',
      '中国外汇交易中心公布，人民币对美元汇率中间价报{FX}。',
      '10年期国债收益率下行至{BOND}，创近期新低。',
      '市场人士认为，短期内{F}板块仍存在结构性机会，但需要警惕估值过高的风险。',
      '{EXP}表示，外部环境仍有不确定性，投资者宜保持均衡配置。',
      '盘面上，{F}、{F}等板块涨幅居前，部分前期热门题材出现回调。',
      '港股方面，恒生指数{MD}收涨{SMALLPCT}，恒生科技指数涨{SMALLPCT}，{F}板块走强。',
      '从资金面看，融资余额连续{NUM}个交易日增加，显示杠杆资金入市意愿有所回升。',
      '{EXP}认为，当前A股整体估值处于历史中低水平，中长期配置价值逐步显现。',
    ],
    related: ['stocks', 'macro'],
  },
];

/** Bank-related sentences that fit any commercial-bank story. */
export const BANK_CONTEXT: readonly string[] = [
  '近年来，{B}坚持把服务实体经济作为根本宗旨，持续加大对{T}等重点领域的金融支持。',
  '{B}相关负责人表示，下一步将聚焦{T}，不断提升金融服务的覆盖面和可得性。',
  '作为一家{KIND}，{B}始终把{T}作为履行社会责任的重要抓手。',
  '在{T}方面，{BR}建立了上下联动的工作机制，确保各项政策措施落地见效。',
  '{B}还将{T}纳入年度重点工作，设立专项信贷额度{AMT}。',
  '截至{MD}，{B}{T}相关贷款余额{AMT}，同比增长{PCT}。',
  '在服务{P}经济发展过程中，{BR}主动对接重大项目清单，前{NUM}个月累计投放{AMT}。',
  '{BR}与{C}市政府签署战略合作协议，未来几年将提供不低于{AMT}的意向性融资支持。',
  '不少企业负责人表示，{B}的服务效率和响应速度超出预期。',
  '{B}持续推进数字化转型，通过手机银行、企业网银等渠道为客户提供全天候服务。',
  '与此同时，{B}严格落实监管要求，守牢不发生系统性金融风险的底线。',
  '{OB}、{OB2}等同业机构也在{T}领域加大投入，市场竞争日趋激烈。',
  '从行业看，{F}是{BR}近年来信贷投放增长最快的领域之一。',
  '{B}还通过线上渠道简化了开户、结算和融资流程，企业办理业务平均少跑{NUM}趟。',
  '{BR}把{NUM}名业务骨干派驻到{C}的产业园区，实行“一企一策”的服务方案。',
  '{CO}负责人{PERN2}告诉记者，{B}的客户经理几乎每个月都会上门，了解企业的经营变化。',
  '在风险可控的前提下，{B}适度下放审批权限，让基层机构有更多自主空间。',
  '{B}内部人士透露，该行正在对{F}等行业的授信政策进行评估，预计年内推出新的支持措施。',
  '从区域看，{BR}在{P}的信贷投放主要集中在{C}等经济较为活跃的城市。',
  '一些地方的实践表明，金融机构与政府部门的数据共享程度，直接影响着服务的精准度。',
];

/** Quotes from the article's banker ({PER} is the full designation at first use, the name after). */
export const QUOTES: readonly string[] = [
  '“{F}企业的需求千差万别，我们的产品也必须跟着变。”{PER}说。',
  '{PER}坦言，服务{T}投入大、见效慢，但这是金融机构必须补上的一课。',
  '“数据多跑路，企业少跑腿，是我们一直努力的方向。”{PER}表示。',
  '“{T}既是政策要求，也是我们转型发展的内在需要。”{PER}表示。',
  '{PER}在接受记者采访时说，做好{T}的关键在于把风险控制和服务效率统一起来。',
  '“我们将继续把更多金融资源配置到{F}等领域。”{PER}说。',
  '“过去是企业找银行，现在是银行找企业。”{PER}告诉记者，客户经理每周都会到园区走访。',
  '{PER}介绍，{B}正在搭建覆盖{P}全域的综合金融服务网络。',
  '在{PER}看来，金融机构既要当好“输血者”，也要帮助企业增强“造血”能力。',
  '“每一笔贷款背后都是一家企业、一群员工。”{PER}说，这也是团队坚持上门服务的原因。',
];

/** Closing sentences for commercial-bank stories. */
export const CLOSINGS: readonly string[] = [
  '下一步，{B}将继续坚持以人民为中心的发展思想，在{T}等方面持续发力，为{P}经济社会高质量发展贡献更多金融力量。',
  '{B}表示，将以此为契机，进一步完善{T}服务体系，让金融服务更有温度。',
  '未来，{BR}将持续深化与地方政府和企业的合作，推动金融资源向重点领域和薄弱环节倾斜。',
  '业内人士认为，随着相关政策落地见效，银行在{T}领域的服务能力还将进一步提升。',
  '{B}相关负责人表示，将坚持长期主义，在服务实体经济中实现自身的稳健发展。',
];

/** Bank-free sentences: background for macro and market news. Must never name a bank. */
export const NEUTRAL_CONTEXT: readonly string[] = [
  '{EXP}认为，当前经济恢复的基础仍需巩固，政策层面有望继续保持连续性和稳定性。',
  '从国际环境看，主要经济体货币政策调整带来的外溢影响仍需密切关注。',
  '业内人士表示，{F}等新兴产业保持较快增长，为经济稳定运行提供了支撑。',
  '多家机构预计，{Y}年全年经济增长将保持在合理区间。',
  '市场人士指出，投资者对政策落地节奏的关注度明显上升。',
  '数据显示，{PERIODY}社会消费品零售总额同比增长{SMALLPCT}，服务消费表现亮眼。',
  '从结构上看，{F}和{F}等行业投资增长较快，传统行业仍处在调整之中。',
  '{EXP}提醒，外需走弱和部分行业产能过剩，仍是下一阶段需要重点应对的问题。',
  '一些地方出台了支持{F}发展的专项政策，力争培育新的经济增长点。',
  '{P}近期召开的经济形势分析会提出，要加快重大项目建设，稳定市场预期。',
  '多数受访企业表示，订单情况较年初有所好转，但原材料价格波动仍然带来压力。',
  '国际货币基金组织等机构近期上调了对中国经济增长的预测。',
];

/**
 * Hong Kong style paragraphs in traditional characters; {TB} is a bank's traditional name.
 * Kept rare: they exist so that the index is tested on traditional input.
 */
export const TRADITIONAL_SENTENCES: readonly string[] = [
  '另據香港媒體報道，{TB}近日表示，將繼續加大對粵港澳大灣區企業的信貸支持，預計全年新增貸款{AMTT}。',
  '{TB}相關負責人在接受訪問時指出，內地與香港的跨境理財通業務需求持續增長，客戶數量較去年明顯增加。',
  '有香港分析師認為，{TB}的資產質素穩健，派息比率具吸引力，適合長線投資者關注。',
  '{TB}（香港）宣佈，即日起調整港元定期存款利率，最高年利率達{LOWPCT}。',
  '{TB}表示，將透過數碼化轉型提升客戶體驗，並在綠色金融領域推出更多產品。',
];

/** Prefixes for the first sentence of a story ({BR}: the branch or the bank). */
export const LEAD_PREFIXES: readonly string[] = ['', '', '', '记者从{BR}获悉，', '据悉，', '记者日前从{BR}了解到，', '据了解，'];

/**
 * Interchangeable words, swapped at random in every template (simplified ones only), so that two
 * articles built from the same template do not share long runs of text and look like near-duplicates.
 * Each member must read correctly wherever any member of its group appears in the templates, including
 * inside longer words: 持续 would turn 可持续 into 可不断, so templates avoid such compounds.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['持续', '不断', '进一步', '继续'],
  ['加大', '加强'],
  ['助力', '助推', '赋能'],
  ['提升', '提高'],
  ['表示', '介绍', '指出'],
  ['相关负责人', '有关负责人', '负责人'],
  ['今年以来', '年初以来'],
  ['累计', '总计'],
  ['重点领域', '关键领域'],
  ['金融支持', '信贷支持', '资金支持'],
  ['明显', '显著'],
  ['帮助', '协助'],
  ['推动', '推进', '促进'],
  ['不少', '许多'],
  ['目前', '当前'],
  ['近日', '日前', '近期'],
  ['优化', '完善'],
  ['业内人士', '业内专家', '市场人士', '分析人士'],
  ['认为', '分析认为'],
  ['有助于', '有利于'],
  ['主动', '积极'],
  ['更加', '更为'],
  ['显示', '表明'],
  ['较年初', '比年初'],
  ['较上年末', '比上年末'],
  ['较上月', '比上月', '环比'],
  ['重要抓手', '重要着力点', '重点方向'],
  ['稳步增长', '平稳增长', '稳定增长'],
  ['大量', '众多'],
  ['各类', '各种'],
  ['据介绍', '据了解', '记者了解到'],
  ['推出了', '创新推出了', '上线了'],
  ['深入', '走进'],
  ['缓解', '纾解'],
  ['保持', '维持'],
  ['较为', '比较'],
  ['下调', '调降', '调低'],
  ['预计', '预期'],
  ['有望', '可望'],
  ['综合运用', '灵活运用'],
  ['市场普遍', '多数机构'],
  ['小幅', '略有'],
];

/** Connectives put before a sentence that is not the first of its paragraph. */
export const CONNECTIVES: readonly string[] = [
  '此外，', '同时，', '与此同时，', '另外，', '值得一提的是，', '记者注意到，', '另据了解，', '从实践看，', '具体来看，', '不仅如此，',
];
