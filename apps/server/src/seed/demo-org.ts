/**
 * The demo organisation of DESIGN.md: the Quanzhou legion (1 headquarters + office + 8 working groups + 13 counties +
 * Yiwu group + 2 task forces + member departments). Names are illustrative and editable after start.
 */
import type { Role, UnitType } from '@zaitun/contracts';

export interface SeedUnit {
  code: string;
  nameZh: string;
  nameEn: string;
  shortName: string;
  type: UnitType;
  parent: string | null;
  divisionCode?: string;
}

const hq = 'HQ';
export const DEMO_UNITS: SeedUnit[] = [
  {
    code: hq,
    nameZh: '泉州市内外贸高质量发展总指挥部',
    nameEn: 'Quanzhou Headquarters for High-Quality Development of Domestic and Foreign Trade',
    shortName: '总指挥部',
    type: 'headquarters',
    parent: null,
    divisionCode: '350500',
  },
  {
    code: 'OFFICE',
    nameZh: '总指挥部办公室',
    nameEn: 'Headquarters Office',
    shortName: '总指办',
    type: 'office',
    parent: hq,
  },
  {
    code: 'WG-COORD',
    nameZh: '综合协调组',
    nameEn: 'General Coordination Group',
    shortName: '综合协调组',
    type: 'working_group',
    parent: hq,
  },
  {
    code: 'WG-FOREIGN',
    nameZh: '外贸拓市组',
    nameEn: 'Foreign Trade Market Expansion Group',
    shortName: '外贸拓市组',
    type: 'working_group',
    parent: hq,
  },
  {
    code: 'WG-DOMESTIC',
    nameZh: '内贸消费组',
    nameEn: 'Domestic Trade and Consumption Group',
    shortName: '内贸消费组',
    type: 'working_group',
    parent: hq,
  },
  {
    code: 'WG-CBEC',
    nameZh: '跨境电商组',
    nameEn: 'Cross-border E-commerce Group',
    shortName: '跨境电商组',
    type: 'working_group',
    parent: hq,
  },
  {
    code: 'WG-SUPPLY',
    nameZh: '产业供应链组',
    nameEn: 'Industrial Supply Chain Group',
    shortName: '产业供应链组',
    type: 'working_group',
    parent: hq,
  },
  {
    code: 'WG-BRAND',
    nameZh: '品牌培育组',
    nameEn: 'Brand Building Group',
    shortName: '品牌培育组',
    type: 'working_group',
    parent: hq,
  },
  {
    code: 'WG-FACTORS',
    nameZh: '要素保障组',
    nameEn: 'Factor Support Group (finance, logistics, policy)',
    shortName: '要素保障组',
    type: 'working_group',
    parent: hq,
  },
  {
    code: 'WG-LEGAL',
    nameZh: '法务人才组',
    nameEn: 'Legal Affairs and Talent Group',
    shortName: '法务人才组',
    type: 'working_group',
    parent: hq,
  },
  {
    code: 'LICHENG',
    nameZh: '鲤城区',
    nameEn: 'Licheng District',
    shortName: '鲤城',
    type: 'county',
    parent: hq,
    divisionCode: '350502',
  },
  {
    code: 'FENGZE',
    nameZh: '丰泽区',
    nameEn: 'Fengze District',
    shortName: '丰泽',
    type: 'county',
    parent: hq,
    divisionCode: '350503',
  },
  {
    code: 'LUOJIANG',
    nameZh: '洛江区',
    nameEn: 'Luojiang District',
    shortName: '洛江',
    type: 'county',
    parent: hq,
    divisionCode: '350504',
  },
  {
    code: 'QUANGANG',
    nameZh: '泉港区',
    nameEn: 'Quangang District',
    shortName: '泉港',
    type: 'county',
    parent: hq,
    divisionCode: '350505',
  },
  {
    code: 'HUIAN',
    nameZh: '惠安县',
    nameEn: "Hui'an County",
    shortName: '惠安',
    type: 'county',
    parent: hq,
    divisionCode: '350521',
  },
  {
    code: 'ANXI',
    nameZh: '安溪县',
    nameEn: 'Anxi County',
    shortName: '安溪',
    type: 'county',
    parent: hq,
    divisionCode: '350524',
  },
  {
    code: 'YONGCHUN',
    nameZh: '永春县',
    nameEn: 'Yongchun County',
    shortName: '永春',
    type: 'county',
    parent: hq,
    divisionCode: '350525',
  },
  {
    code: 'DEHUA',
    nameZh: '德化县',
    nameEn: 'Dehua County',
    shortName: '德化',
    type: 'county',
    parent: hq,
    divisionCode: '350526',
  },
  {
    code: 'SHISHI',
    nameZh: '石狮市',
    nameEn: 'Shishi City',
    shortName: '石狮',
    type: 'county',
    parent: hq,
    divisionCode: '350581',
  },
  {
    code: 'JINJIANG',
    nameZh: '晋江市',
    nameEn: 'Jinjiang City',
    shortName: '晋江',
    type: 'county',
    parent: hq,
    divisionCode: '350582',
  },
  {
    code: 'NANAN',
    nameZh: '南安市',
    nameEn: "Nan'an City",
    shortName: '南安',
    type: 'county',
    parent: hq,
    divisionCode: '350583',
  },
  {
    code: 'TAISHANG',
    nameZh: '泉州台商投资区',
    nameEn: 'Quanzhou Taiwanese Investment Zone',
    shortName: '台商区',
    type: 'county',
    parent: hq,
  },
  {
    code: 'ETDZ',
    nameZh: '泉州经济技术开发区',
    nameEn: 'Quanzhou Economic and Technological Development Zone',
    shortName: '开发区',
    type: 'county',
    parent: hq,
  },
  {
    code: 'YIWU',
    nameZh: '义乌工作组',
    nameEn: 'Yiwu Working Group',
    shortName: '义乌组',
    type: 'liaison_group',
    parent: hq,
  },
  {
    code: 'TF-FASHION',
    nameZh: '时尚专班',
    nameEn: 'Fashion Task Force',
    shortName: '时尚专班',
    type: 'task_force',
    parent: hq,
  },
  {
    code: 'TF-FOOD',
    nameZh: '美食专班',
    nameEn: 'Food Task Force',
    shortName: '美食专班',
    type: 'task_force',
    parent: hq,
  },
  {
    code: 'D-COMMERCE',
    nameZh: '市商务局',
    nameEn: 'Municipal Bureau of Commerce',
    shortName: '商务局',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-CUSTOMS',
    nameZh: '泉州海关',
    nameEn: 'Quanzhou Customs',
    shortName: '泉州海关',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-TAX',
    nameZh: '市税务局',
    nameEn: 'Municipal Taxation Bureau',
    shortName: '税务局',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-FINANCE',
    nameZh: '市金融监管局',
    nameEn: 'Municipal Financial Regulatory Bureau',
    shortName: '金融监管局',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-MARKET',
    nameZh: '市市场监管局',
    nameEn: 'Municipal Market Regulation Bureau',
    shortName: '市场监管局',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-INDUSTRY',
    nameZh: '市工信局',
    nameEn: 'Municipal Bureau of Industry and Information Technology',
    shortName: '工信局',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-SCITECH',
    nameZh: '市科技局',
    nameEn: 'Municipal Bureau of Science and Technology',
    shortName: '科技局',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-HRSS',
    nameZh: '市人社局',
    nameEn: 'Municipal Bureau of Human Resources and Social Security',
    shortName: '人社局',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-JUSTICE',
    nameZh: '市司法局',
    nameEn: 'Municipal Bureau of Justice',
    shortName: '司法局',
    type: 'member_department',
    parent: hq,
  },
  {
    code: 'D-TRANSPORT',
    nameZh: '市交通运输局（港口）',
    nameEn: 'Municipal Transport Bureau (Ports)',
    shortName: '交通运输局',
    type: 'member_department',
    parent: hq,
  },
];

export interface SeedAccount {
  username: string;
  displayName: string;
  roles: Role[];
  unit?: string;
  enterprise?: true;
  institute?: true;
  phone?: string;
  email?: string;
  descriptionZh: string;
  descriptionEn: string;
}

export const DEMO_ACCOUNTS: SeedAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    roles: ['sysadmin'],
    unit: 'OFFICE',
    email: 'admin@zaitun.example',
    descriptionZh: '系统管理员',
    descriptionEn: 'System administrator',
  },
  {
    username: 'hq',
    displayName: '陈调度',
    roles: ['hq_dispatcher'],
    unit: 'OFFICE',
    phone: '13905950001',
    email: 'hq@zaitun.example',
    descriptionZh: '总指挥部办公室调度员',
    descriptionEn: 'HQ office dispatcher',
  },
  {
    username: 'leader',
    displayName: '林指挥长',
    roles: ['leader'],
    unit: hq,
    phone: '13905950002',
    descriptionZh: '指挥长',
    descriptionEn: 'Leader (commander)',
  },
  {
    username: 'jinjiang',
    displayName: '王晋江',
    roles: ['unit_admin'],
    unit: 'JINJIANG',
    phone: '13905950003',
    email: 'jinjiang@zaitun.example',
    descriptionZh: '晋江市单位管理员',
    descriptionEn: 'Unit admin of Jinjiang City',
  },
  {
    username: 'shishi',
    displayName: '蔡石狮',
    roles: ['unit_staff'],
    unit: 'SHISHI',
    phone: '13905950004',
    descriptionZh: '石狮市工作人员',
    descriptionEn: 'Staff of Shishi City',
  },
  {
    username: 'group',
    displayName: '黄拓市',
    roles: ['unit_staff'],
    unit: 'WG-FOREIGN',
    phone: '13905950005',
    descriptionZh: '外贸拓市组工作人员',
    descriptionEn: 'Staff of the Foreign Trade Market Expansion Group',
  },
  {
    username: 'enterprise',
    displayName: '许企业',
    roles: ['enterprise_user'],
    enterprise: true,
    phone: '13905950006',
    descriptionZh: '企业用户（示例企业）',
    descriptionEn: 'Enterprise user (placeholder firm)',
  },
  {
    username: 'institute',
    displayName: '郑研究',
    roles: ['institute_user'],
    institute: true,
    descriptionZh: '院所用户（示例院所）',
    descriptionEn: 'Institute user (placeholder institute)',
  },
];

export const DEMO_ENTERPRISE = {
  nameZh: '泉州示例鞋服有限公司',
  nameEn: 'Quanzhou Sample Footwear & Apparel Co., Ltd.',
};
export const DEMO_INSTITUTE = {
  nameZh: '泉州示例产业技术研究院',
  nameEn: 'Quanzhou Sample Institute of Industrial Technology',
};
