# median(LIST): the median of a space-separated list of numbers ("-" when empty); csv(LIST): the
# list as "a, b, c". Shared by the table scripts (awk -f lib/median.awk -f SCRIPT).
function median(list,   n, a, i, j, t) {
  n = split(list, a, " ")
  if (n == 0) return "-"
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function csv(list) { gsub(/^ +/, "", list); gsub(/ +/, ", ", list); return list == "" ? "-" : list }
