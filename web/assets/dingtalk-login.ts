// The DingTalk sign-in page's own script: ask the container for a 免登 code, post it to the server.
export const DINGTALK_LOGIN_JS = `(function () {
  var form = document.getElementById('dd-form');
  var msg = document.getElementById('dd-msg');
  var fail = function () { msg.textContent = '钉钉免登失败：请在钉钉中打开，或给机器人发送“登录”获取链接。'; };
  if (!form || typeof window.gridsafeRequestAuthCode !== 'function') return fail();
  window.gridsafeRequestAuthCode({ corpId: form.getAttribute('data-corp'), clientId: form.getAttribute('data-client') })
    .then(function (r) { form.elements.code.value = r.code; form.submit(); })
    .catch(fail);
})();`;
