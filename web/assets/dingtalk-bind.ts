// The binding page's own script: only inside DingTalk (its in-app browser says so in the user agent)
// it asks the container for a 免登 code and posts it with the binding code, so the contact is bound
// and signed in without typing. Elsewhere it does nothing: the page already says what to send.
export const DINGTALK_BIND_JS = `(function () {
  var form = document.getElementById('dd-bind');
  var msg = document.getElementById('dd-bind-msg');
  if (!form || !/DingTalk/i.test(navigator.userAgent)) return;
  if (typeof window.gridsafeRequestAuthCode !== 'function') return;
  msg.textContent = '正在通过钉钉绑定…';
  window.gridsafeRequestAuthCode({ corpId: form.getAttribute('data-corp'), clientId: form.getAttribute('data-client') })
    .then(function (r) { form.elements.code.value = r.code; form.submit(); })
    .catch(function () { msg.textContent = '钉钉免登未成功，请按上面的说明给机器人发送绑定消息。'; });
})();`;
