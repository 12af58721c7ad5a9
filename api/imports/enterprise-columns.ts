import type { ColumnSpec } from './columns.js';
import { TOWN_HEADERS } from './references.js';

export type EnterpriseField =
  | 'name' | 'shortName' | 'aliases' | 'creditCode' | 'address' | 'town' | 'grid' | 'industry' | 'class'
  | 'riskColor' | 'contactName' | 'contactPhone' | 'contactDingtalk' | 'contactWecom' | 'lng' | 'lat' | 'registeredOn';

/**
 * The enterprise register's columns as towns name them, and their English equivalents. A row naming a
 * 联系人 also makes (or updates) that person as the enterprise's safety contact (role enterprise), with
 * their mobile number and chat identities (enterprise-contacts.ts).
 */
export const ENTERPRISE_COLUMNS: ColumnSpec<EnterpriseField>[] = [
  { field: 'name', label: '企业名称', headers: ['企业名称', '企业全称', '单位名称', '名称', 'name', 'enterprise', 'enterprisename'], required: true },
  { field: 'shortName', label: '简称', headers: ['简称', '企业简称', 'shortname', 'short_name'] },
  { field: 'aliases', label: '别名', headers: ['别名', '俗称', '其他名称', 'aliases', 'alias'] },
  { field: 'creditCode', label: '统一社会信用代码', headers: ['统一社会信用代码', '社会信用代码', '信用代码', 'creditcode', 'credit_code', 'uscc'] },
  { field: 'address', label: '地址', headers: ['地址', '企业地址', '经营地址', '注册地址', 'address'] },
  { field: 'town', label: '镇（街道）', headers: TOWN_HEADERS, required: true },
  { field: 'grid', label: '网格', headers: ['网格', '所属网格', '网格名称', 'grid', 'gridname'], required: true },
  { field: 'industry', label: '行业', headers: ['行业', '所属行业', '行业类别', 'industry'] },
  { field: 'class', label: '企业类别', headers: ['企业类别', '类别', '企业分类', '企业类型', 'class', 'category'], required: true },
  { field: 'riskColor', label: '风险等级', headers: ['风险等级', '风险', '风险颜色', '风险等级颜色', 'risk', 'riskcolor', 'risk_color', 'risklevel'] },
  { field: 'contactName', label: '联系人', headers: ['联系人', '负责人', '安全负责人', 'contact', 'contactname', 'contact_name'] },
  { field: 'contactPhone', label: '联系电话', headers: ['联系电话', '联系人电话', '联系人手机', '联系人手机号', '电话', '手机', 'contactphone', 'contact_phone', 'phone'] },
  { field: 'contactDingtalk', label: '联系人钉钉ID', headers: ['联系人钉钉ID', '联系人钉钉id', '联系人钉钉userid', '联系人钉钉staffId', '联系人钉钉账号', 'contactdingtalk', 'contact_dingtalk'] },
  { field: 'contactWecom', label: '联系人企业微信ID', headers: ['联系人企业微信ID', '联系人企业微信id', '联系人企业微信userid', '联系人企微ID', '联系人企业微信账号', 'contactwecom', 'contact_wecom'] },
  { field: 'lng', label: '经度', headers: ['经度', 'lng', 'lon', 'longitude'] },
  { field: 'lat', label: '纬度', headers: ['纬度', 'lat', 'latitude'] },
  { field: 'registeredOn', label: '登记日期', headers: ['登记日期', '注册日期', '成立日期', '登记时间', 'registeredon', 'registered_on', 'registeredat', 'registered'] },
];
