# The three plots of a `make bench` report (bench/report.sh calls it with data=DIR, ref=N, the
# connections of the latency plot, and cmin, cmax, the sweep's). Writes into the current folder.
set terminal pngcairo size 1500,480 font "DejaVu Sans,10"
set datafile separator whitespace
set key top left
set grid ytics

# Throughput against connections, one line per tier, one panel per scenario.
set output "throughput.png"
set multiplot layout 1,3 title "Throughput against connections (req/s, wrk)"
set logscale x 2
# A margin on both sides, so that a sweep of one step has a range too.
set xrange [cmin / 1.5 : cmax * 1.5]
set xlabel "connections"
set ylabel "req/s"
set yrange [0:*]
set title "static page /"
plot for [i=0:*] data."/rps-static.dat" index i using 1:2 with linespoints pointtype 7 title columnheader(1)
set title "GET /api/articles/{id}"
plot for [i=0:*] data."/rps-article.dat" index i using 1:2 with linespoints pointtype 7 title columnheader(1)
set title "GET /api/articles?size=20"
plot for [i=0:*] data."/rps-list.dat" index i using 1:2 with linespoints pointtype 7 title columnheader(1)
unset multiplot
unset logscale x
set xrange [*:*]
unset title

# Latency percentiles per target at the reference concurrency, log scale.
set output "latency.png"
set terminal pngcairo size 1500,520 font "DejaVu Sans,10"
set title sprintf("Latency percentiles per target at %s connections (ms, log scale)", ref)
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set yrange [*:*]
set ylabel "ms"
unset xlabel
set xtics rotate by -30 noenhanced
set key top left
plot data."/latency.dat" using 2:xtic(1) title "p50", '' using 3 title "p99", '' using 4 title "p99.9"
unset logscale y
set xtics norotate
set style data lines

# Replication lag against the write rate.
set output "lag.png"
set terminal pngcairo size 900,520 font "DejaVu Sans,10"
set title "Replication lag against write rate (ms)"
set xlabel "target writes/s (through app-1)"
set ylabel "lag, ms"
set yrange [0:*]
set xrange [0:*]
set xtics autofreq
if (system("test -s ".data."/lag.dat && echo 1") eq "1") {
  plot data."/lag.dat" using 1:2 with linespoints pointtype 7 title "p50", \
       '' using 1:3 with linespoints pointtype 7 title "p99", \
       '' using 1:4 with linespoints pointtype 6 title "max"
} else {
  set label 1 "not measured in this run" at graph 0.5, graph 0.5 center
  unset key
  plot [0:1] [0:1] NaN notitle
}
