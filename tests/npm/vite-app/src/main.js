import init, { validateCredit, describeCredit } from 'credit-rules';

await init(); // the bundler ships credit_rules_lite_bg.wasm (no validateCreditJson here) and init() fetches it

const form = document.querySelector('#credit');
const result = document.querySelector('#result');
const button = document.querySelector('#validate');

button.disabled = false;
button.addEventListener('click', () => {
  const report = validateCredit({
    customer_id: form.customer.value,
    product_id: form.product.value,
    priority: form.priority.value,
    access_schedule: {
      schedule_items: [{ amount: form.amount.value, starting_at: form.start.value, ending_before: form.end.value }],
    },
  });
  result.textContent = report.valid
    ? `${describeCredit(report.value)}\n${JSON.stringify(report.value)}`
    : report.errors.map((issue) => `${issue.pointer}: ${issue.message}`).join('\n');
});
