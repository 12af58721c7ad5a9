// The one stylesheet, served by the app itself (intranets are offline; CSP allows only 'self').
// Mobile first: one column at 375 px, wider tables and a two-column grid on a desk.
export const APP_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f2f3f5}
a{color:#1456f0;text-decoration:none}
header.top{background:#1456f0;color:#fff;padding:10px 12px;display:flex;align-items:center;gap:8px;flex-wrap:wrap}
header.top .brand{font-weight:600;font-size:17px;color:#fff;margin-right:auto}
header.top nav a{color:#fff;padding:4px 6px;border-radius:4px;font-size:14px;white-space:nowrap;display:inline-block}
header.top nav a.on{background:rgba(255,255,255,.22)}
header.top form{margin:0}
header.top button{background:none;border:1px solid rgba(255,255,255,.6);color:#fff;border-radius:4px;padding:2px 8px;font-size:13px}
main{max-width:1100px;margin:0 auto;padding:12px}
h1{font-size:19px;margin:4px 0 12px}
h2{font-size:16px;margin:0 0 8px}
.card{background:#fff;border-radius:8px;padding:12px;margin-bottom:12px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
.muted{color:#8f959e;font-size:13px}
.list{list-style:none;margin:0;padding:0}
.list li{padding:9px 0;border-top:1px solid #eef0f2}
.list li:first-child{border-top:0}
.tag{display:inline-block;font-size:12px;padding:0 6px;border-radius:3px;background:#eef3ff;color:#1456f0;margin-right:4px;white-space:nowrap}
.tag.major,.tag.overdue,.tag.red{background:#fde8e7;color:#d52b1e}
.tag.orange{background:#fff1e0;color:#c76b00}
.tag.yellow{background:#fff8d6;color:#8a6d00}
.tag.blue{background:#e6f0ff;color:#1456f0}
.tag.closed{background:#e8f7ee;color:#1a7f3c}
.tag.void{background:#eee;color:#666}
.figures{display:grid;grid-template-columns:repeat(2,1fr);gap:8px}
.figure{background:#f7f8fa;border-radius:6px;padding:8px}
.figure b{display:block;font-size:22px}
.alert{padding:10px 12px;border-radius:6px;margin-bottom:12px;background:#e8f7ee;color:#1a7f3c}
.alert.error{background:#fde8e7;color:#d52b1e}
.bind-code{font-size:24px;font-weight:700;letter-spacing:1px;user-select:all;-webkit-user-select:all}
.qr{text-align:center}.qr svg{width:240px;height:240px;max-width:100%}
.contacts li form{display:inline}
label{display:block;margin:10px 0 4px;font-weight:500}
input[type=text],input[type=search],input[type=date],input[type=number],select,textarea{width:100%;font:inherit;padding:8px;border:1px solid #d0d3d6;border-radius:6px;background:#fff}
textarea{min-height:80px}
button,.button{display:inline-block;font:inherit;padding:9px 16px;border:0;border-radius:6px;background:#1456f0;color:#fff;margin-top:10px}
button.secondary,.button.secondary{background:#fff;color:#1456f0;border:1px solid #1456f0}
button.danger{background:#d52b1e}
.choices label{display:inline-block;font-weight:400;margin:4px 12px 4px 0}
.timeline{list-style:none;margin:0;padding:0 0 0 14px;border-left:2px solid #d0d3d6}
.timeline li{position:relative;margin:0 0 14px}
.timeline li:before{content:"";position:absolute;left:-20px;top:6px;width:10px;height:10px;border-radius:50%;background:#1456f0}
.photos{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.photos img{width:96px;height:96px;object-fit:cover;border-radius:4px;background:#eee}
.compare{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.compare img{width:100%;height:auto;max-height:260px;object-fit:cover;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #eef0f2;white-space:nowrap}
.scroll{overflow-x:auto}
.chart svg{max-width:100%;height:auto}
details{margin-top:8px}
summary{color:#1456f0;cursor:pointer}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:flex-end}
.row>*{flex:1 1 140px}
.row>.shrink{flex:0 0 auto}
input[type=file]{display:block;margin:4px 0;max-width:100%}
form.card>button[type=submit]{display:block}
@media (max-width:799px){form.card>button[type=submit]{width:100%}}
@media (min-width:800px){
  main{padding:20px}
  .figures{grid-template-columns:repeat(4,1fr)}
  .cols{display:grid;grid-template-columns:1fr 1fr;gap:12px}
  .photos img{width:120px;height:120px}
}
`;
