// The words that say something is wrong, shared by the story reader and the patrol verdict.
// A message with one of these words is a hazard (or a patrol with findings).
export const PROBLEM =
  /过期|放在|放了|放着|摆着|摆放|不灵|不能用|用不了|不工作|倾斜|积水|没水|危险|压住|压着|充电|抽烟|吸烟|明火|动火|违章|无防护|没防护|没戴|未戴|乱放|乱堆|停放|占道|渗|滴|冒|烧|焦|变形|裂|塌|歪|堵|杂物|未|没有?|坏|破|漏|隐患|缺|失效|老化|锁|占用|乱|违规|不合格|超|裸露|松动|脱落|积|私拉|私接|不亮|不足|无证|失灵|堆|挡|遮|损|锈|断|倒塌|泄|太大|不好|不够|不全|不到位|不规范|露在|脏|满|过载|发热|冒烟|异味|异响/;
