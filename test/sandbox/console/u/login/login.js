// Simulated Mimecast sign-in page: accepts any well-formed address and a non-empty password.
const form = document.getElementById("mc-login-form");
const error = document.getElementById("mc-login-error");

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const username = document.getElementById("username").value.trim();
  const password = document.getElementById("password").value;
  let problem = "";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(username)) problem = "Enter your email address.";
  else if (!password) problem = "Enter your password.";
  if (problem) {
    error.textContent = problem;
    error.hidden = false;
    return;
  }
  error.hidden = true;
  sessionStorage.setItem("mc-sandbox-user", username);
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  button.textContent = "Logging in…";
  setTimeout(() => {
    location.href = "/administration/app/#/administration-dashboard";
  }, 400);
});
