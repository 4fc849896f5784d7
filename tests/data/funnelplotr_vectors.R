# Prints tests/test_funnel.py FUNNELPLOTR: Rscript tests/data/funnelplotr_vectors.R (R with rlang and ggplot2;
# FunnelPlotR 0.6.0 sources in ../shared/reference/FunnelPlotR-0.6.0/, or set FUNNELPLOTR_R to its R/ folder).
# Only the computing files are sourced: draw_plot (ggrepel) is replaced by a stub.
suppressMessages({library(rlang); library(ggplot2)})
d <- Sys.getenv("FUNNELPLOTR_R", "/work/shared/reference/FunnelPlotR-0.6.0/R/")
for (f in c("aggregate_func.R","build_limits_lookup.R","calculate_limits.R","classes_methods.R","funnel_plot.R","od_adjustment.R","outliers_func.R")) source(paste0(d, f))
draw_plot <- function(...) NULL
validate_funnel_plot <- function(x) invisible(x)
pyvec <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse=", "), "]")
emit <- function(name, dt, args) {
  a <- suppressMessages(do.call(funnel_plot, c(list(dt, quote(num), quote(denom), quote(group)), args,
        if (isFALSE(args$draw_adjusted)) list(draw_unadjusted = TRUE) else list())))
  ag <- a$aggregated_data
  cat(sprintf("    \"%s\": {\n", name))
  cat("        \"num\": ", pyvec(dt$num), ",\n", sep="")
  cat("        \"den\": ", pyvec(dt$denom), ",\n", sep="")
  cat("        \"group\": [", paste0("\"", dt$group, "\"", collapse=", "), "],\n", sep="")
  kw <- args[names(args) %in% c("data_type","sr_method","trim_by","multiplier","draw_adjusted","limit")]
  kws <- sapply(names(kw), function(k) { v <- kw[[k]]; if (is.character(v)) sprintf("\"%s\": \"%s\"", k, v) else if (is.logical(v)) sprintf("\"%s\": %s", k, if (v) "True" else "False") else sprintf("\"%s\": %s", k, format(v)) })
  cat("        \"kwargs\": {", paste(kws, collapse=", "), "},\n", sep="")
  cat(sprintf("        \"phi\": %.17g,\n        \"tau2\": %.17g,\n", a$phi, a$tau2))
  cat("        \"groups\": [", paste0("\"", as.character(ag$group), "\"", collapse=", "), "],\n", sep="")
  for (col in c("OD95LCL","OD95UCL","OD99LCL","OD99UCL","LCL95","UCL95","LCL99","UCL99")) cat(sprintf("        \"%s\": %s,\n", col, pyvec(ag[[col]])))
  cat("        \"outlier\": [", paste(ag$outlier, collapse=", "), "],\n", sep="")
  cat("    },\n")
}
cat("FUNNELPLOTR = {\n")
pkg <- data.frame(num = c(100, 150, 180, 80, 120, 225), denom = c(108, 112, 165, 95, 100, 220), group = c("a","b","c","d","e","f"))
emit("package_default", pkg, list())
emit("package_cqc", pkg, list(sr_method="CQC", trim_by=0.05, multiplier=100, limit=95))
emit("package_unadjusted", pkg, list(draw_adjusted=FALSE, multiplier=100, limit=95))
# SR, SHMI, expected values with decimals (rounded to 2 dp), 20 trusts, trim 0.2
sr <- data.frame(num = c(16, 22, 58, 40, 80, 55, 110, 70, 135, 95, 160, 110, 220, 130, 260, 150, 330, 240, 420, 300),
                 denom = c(10.234, 28.125, 40.005, 55.555, 58.3, 70.127, 88.894, 91.001, 99.999, 120.4, 118.76, 140.3, 170.2, 165.9, 200.05, 190.3, 240.6, 310.2, 335.8, 380.12),
                 group = sprintf("t%02d", 1:20))
emit("sr_shmi_rounding_trim20", sr, list(trim_by=0.2))
emit("sr_cqc_trim10", sr, list(sr_method="CQC"))
# SR with no over-dispersion: observed close to expected
srn <- data.frame(num = c(98, 205, 51, 310, 149, 402, 76, 250, 120, 180),
                  denom = c(100, 200, 50, 300, 150, 400, 75, 250, 120, 180), group = LETTERS[1:10])
emit("sr_no_overdispersion", srn, list())
# PR: over-dispersed, small groups where the arcsine lower limit reaches 0
pr <- data.frame(num = c(0, 1, 3, 9, 4, 30, 20, 60, 40, 110, 50, 180, 120, 300, 170),
                 denom = c(4, 7, 15, 40, 90, 150, 260, 300, 500, 620, 700, 1000, 1500, 1700, 2400),
                 group = sprintf("c%02d", 1:15))
emit("pr_overdispersed", pr, list(data_type="PR"))
emit("pr_overdispersed_per1000_limit95", pr, list(data_type="PR", multiplier=1000, limit=95, trim_by=0.05))
prn <- data.frame(num = c(48, 101, 152, 199, 251, 310, 25, 75),
                  denom = c(500, 1000, 1500, 2000, 2500, 3000, 250, 750), group = sprintf("p%d", 1:8))
emit("pr_no_overdispersion", prn, list(data_type="PR"))
# PR, record-level rows summed by group
prr <- data.frame(num = c(10, 12, 30, 5, 7, 40, 22, 18), denom = c(100, 110, 200, 60, 40, 300, 150, 90),
                  group = c("x", "x", "y", "z", "z", "w", "v", "u"))
emit("pr_records_summed", prr, list(data_type="PR", trim_by=0.25))
# RC: ratio of counts
rc <- data.frame(num = c(30, 45, 80, 12, 150, 210, 66, 99, 300, 18),
                 denom = c(25, 60, 70, 20, 120, 260, 50, 100, 240, 30), group = sprintf("r%d", 1:10))
emit("rc_overdispersed", rc, list(data_type="RC"))
emit("rc_unadjusted", rc, list(data_type="RC", draw_adjusted=FALSE))
rcn <- data.frame(num = c(100, 210, 49, 305, 148, 398), denom = c(100, 200, 50, 300, 150, 400), group = letters[1:6])
emit("rc_no_overdispersion", rcn, list(data_type="RC", multiplier=1000))
pre <- data.frame(num = c(52, 95, 160, 190, 260, 280, 350, 420, 100, 130, 70, 300),
                  denom = c(500, 1000, 1400, 2000, 2500, 3000, 3300, 4000, 1100, 1200, 700, 1000), group = sprintf("g%02d", 1:12))
emit("pr_one_far_outside", pre, list(data_type="PR", multiplier=1000))
cat("}\n")
