/* A stand-in for an audience-measurement tracker (Google Analytics in Le Nappage's policy): it sets a cookie
   and says so on the page. The banner lets it run only after consent to audience measurement. */
(function () {
  window.demoTrackerRan = true;
  document.cookie = "_demo_tracker=1; Max-Age=3600; Path=/; SameSite=Lax";
  var status = document.getElementById("tracker-status");
  if (status) status.textContent = "running";
})();
