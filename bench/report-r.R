# R survey timing for the issue-3 workload (bench/report.ts writes the data and the margins).
# Usage: Rscript bench/report-r.R data.csv margins.csv
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = TRUE, na.strings = "")
m <- read.csv(args[2], stringsAsFactors = FALSE)
t0 <- Sys.time()
d$one <- 1
des <- svydesign(ids = ~1, data = d, weights = ~one)
pop <- lapply(c("gender", "age", "ward"), function(v) {
  x <- m[m$variable == v, ]
  f <- data.frame(factor(x$category, levels = levels(d[[v]])), x$target)
  names(f) <- c(v, "Freq")
  f
})
des <- rake(des, list(~gender, ~age, ~ward), pop)
qs <- paste0("q", 1:20)
bys <- c("gender", "age", "ward", "disability", "tenure", "ethnicity")
for (q in qs) {
  f <- as.formula(paste0("~", q))
  invisible(svymean(f, des, na.rm = TRUE))
  # svyby(covmat = TRUE) stops with an error on raked designs in survey 4.1.1, so R is timed
  # WITHOUT the between-group covariances our report also computes: R's figure is an underestimate.
  for (b in bys) invisible(svyby(f, as.formula(paste0("~", b)), des, svymean, na.rm = TRUE))
}
k <- 0
for (q in qs) for (b in bys) {
  if (k >= 15) break
  invisible(svychisq(as.formula(paste0("~", q, "+", b)), des))
  k <- k + 1
}
cat(as.numeric(difftime(Sys.time(), t0, units = "secs")), "\n")
