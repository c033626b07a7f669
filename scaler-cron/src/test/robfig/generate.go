// Writes the reference tables of scaler-cron's tests with robfig/cron v3.0.1, the library and version KEDA's cron scaler
// uses, configured as KEDA configures it. Nothing here is Tide's: the expected values are robfig's own answers.
//
// On Debian 12:
//
//	apt-get install golang-go golang-github-robfig-cron-dev
//	cd scaler-cron/src/test/robfig && GO111MODULE=off GOPATH=/usr/share/gocode go run generate.go ../resources/robfig
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/robfig/cron"
)

// KEDA's parser: cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow), no descriptors.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// Schedules KEDA accepts or refuses, with robfig's message. "TZ=UTC" (no space after the zone) is left out: robfig panics.
var parseSpecs = []string{
	"0 0 * * Thu",
	"59 23 * * Thu",
	"0 */2 * * *",
	"0 1-23/2 * * *",
	"0,30 * * * *",
	"15,45 * * * *",
	"30 * * * *",
	"30-33 * * * *",
	"45-50 * * * *",
	"-30 * * * *",
	"-50 * * * *",
	"50 * * -3 *",
	"@hourly",
	"@every 1h",
	"0 0 * * 7",
	"0 0 * * 0-7",
	"0 0 * * 1-7",
	"0 0 * * */7",
	"0 0 * * SUN",
	"0 0 * * sun-sat",
	"0 0 * * Sat-Sun",
	"0 0 * JAN-mar *",
	"0 0 * January *",
	"? ? ? ? ?",
	"0 0 ? * Mon",
	"0 0 1,* * Mon",
	"0 0 *-5 * *",
	"0 0 */1 * Mon",
	"+5 * * * *",
	"1,,2 * * * *",
	"1, * * * *",
	"mon * * * *",
	"0 0 * * mon/2",
	"0 0 * * 1/2",
	"0 0 1/10 * *",
	"0 0 31 2 *",
	"0 0 L * *",
	"0 0 * * 1#2",
	"0 0 15W * *",
	"*/0 * * * *",
	"5/15 * * * *",
	"1-5/2 * * * *",
	"1-2-3 * * * *",
	"1/2/3 * * * *",
	"*/60 * * * *",
	"*/61 * * * *",
	"0 0 * * *",
	"0 0 * * * *",
	"0 0 * *",
	"0 24 * * *",
	"0 23 * * *",
	"60 0 * * *",
	"0 0 0 * *",
	"0 0 32 * *",
	"0 0 * 0 *",
	"0 0 * 13 *",
	"00 00 * * *",
	"0 0 * * 00",
	"TZ=UTC 0 * * * *",
	"CRON_TZ=Asia/Tokyo 0 9 * * *",
	"TZ=Mars/X 0 * * * *",
	"TZ=UTC  0 * * * *",
	"0 0 * * MON,WED",
	"0 0 * * MON-FRI/2",
	"0 0 1-31/2 * *",
	"0 0 H * *",
	"0 0 * * TUE-MON",
	"5-3 * * * *",
	"*/15 */6 * * *",
}

// The 2026 DST transitions of three zones, in UTC: spring forward first, then fall back.
var transitions = map[string][]string{
	"America/New_York": {"2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z"},
	"Europe/Berlin":    {"2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"},
	"Australia/Sydney": {"2026-10-03T16:00:00Z", "2026-04-04T16:00:00Z"},
}

var zones = []string{"America/New_York", "Europe/Berlin", "Australia/Sydney"}

// Schedules that fire in, at the edge of, or across the hour the clocks skip or repeat.
var nextSpecs = []string{"30 2 * * Sun", "30 1 * * *", "0 3 * * *", "0 * * * *", "*/20 * * * *"}

// Calendar cases away from DST: day-of-month against day-of-week (both must match when either is a star, else
// either may), leap days, month and year wraps, names, a TZ= prefix, a half-hour zone, and times a second around a firing.
var calendarCases = [][3]string{
	{"0 0 1 * Mon", "Etc/UTC", "2026-01-02T00:00:00Z"},
	{"0 0 */2 * Mon", "Etc/UTC", "2026-01-01T00:00:00Z"},
	{"0 0 */1 * Mon", "Etc/UTC", "2026-01-01T00:00:00Z"},
	{"0 0 ? * Mon", "Etc/UTC", "2026-01-01T00:00:00Z"},
	{"0 0 1,* * Mon", "Etc/UTC", "2026-01-01T00:00:00Z"},
	{"0 0 *-5 * Fri", "Etc/UTC", "2026-01-03T00:00:00Z"},
	{"0 0 1-31 * Mon", "Etc/UTC", "2026-01-01T00:00:00Z"},
	{"0 0 , * Mon", "Etc/UTC", "2026-01-01T00:00:00Z"},
	{"0 0 1 * ,", "Etc/UTC", "2026-01-01T00:00:00Z"},
	{"0 12 29 2 *", "Etc/UTC", "2026-03-01T00:00:00Z"},
	{"59 23 31 12 *", "Etc/UTC", "2026-06-01T00:00:00Z"},
	{"0 0 31 * *", "Etc/UTC", "2026-04-01T00:00:00Z"},
	{"0 0 * * fri-SAT", "Etc/UTC", "2026-01-05T00:00:00Z"},
	{"0 0 * JAN-mar Sun", "Etc/UTC", "2026-03-30T00:00:00Z"},
	{"5/15 * * * *", "Etc/UTC", "2026-01-01T00:50:00Z"},
	{"0 10 * * *", "Etc/UTC", "2026-01-01T09:59:59Z"},
	{"0 10 * * *", "Etc/UTC", "2026-01-01T10:00:00Z"},
	{"0 9 * * *", "Asia/Kolkata", "2026-01-01T03:29:00Z"},
	{"TZ=Asia/Tokyo 0 9 * * *", "Etc/UTC", "2026-01-01T00:00:00Z"},
	{"CRON_TZ=America/New_York 30 1 * * *", "Asia/Kolkata", "2026-11-01T05:30:00Z"},
	{"TZ=Local 0 9 * * *", "Asia/Kolkata", "2026-01-01T00:00:00Z"},
}

// Windows (start, end) whose start or end falls in the skipped or the repeated hour.
var windows = [][2]string{
	{"30 2 * * *", "30 3 * * *"},
	{"0 1 * * *", "0 3 * * *"},
	{"30 1 * * *", "45 1 * * *"},
	{"0 22 * * *", "30 2 * * *"},
	{"30 2 * * *", "0 4 * * *"},
}

func main() {
	dir := os.Args[1]
	parse := []string{"# schedule\trobfig's answer: OK, or the error KEDA wraps in \"error parsing start schedule: ...\""}
	for _, spec := range parseSpecs {
		answer := "OK"
		if _, err := parser.Parse(spec); err != nil {
			answer = err.Error()
		}
		parse = append(parse, spec+"\t"+answer)
	}
	write(dir, "parse.tsv", parse)

	next := []string{"# schedule\tzone\tafter\tSchedule.Next(after), in the zone"}
	window := []string{"# start\tend\tzone\tnow\tKEDA's isWithinInterval"}
	for _, zone := range zones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			panic(err)
		}
		for _, transition := range transitions[zone] {
			at, _ := time.Parse(time.RFC3339, transition)
			for minutes := -150; minutes <= 150; minutes += 30 {
				now := at.Add(time.Duration(minutes) * time.Minute)
				for _, spec := range nextSpecs {
					schedule, _ := parser.Parse(spec)
					next = append(next, strings.Join([]string{spec, zone, stamp(now), schedule.Next(now.In(loc)).Format(time.RFC3339)}, "\t"))
				}
				for _, pair := range windows {
					window = append(window, strings.Join([]string{pair[0], pair[1], zone, stamp(now), fmt.Sprint(active(pair, loc, now))}, "\t"))
				}
			}
		}
	}
	for _, c := range calendarCases {
		loc, _ := time.LoadLocation(c[1])
		schedule, err := parser.Parse(c[0])
		if err != nil {
			panic(err)
		}
		now, _ := time.Parse(time.RFC3339, c[2])
		next = append(next, strings.Join([]string{c[0], c[1], c[2], schedule.Next(now.In(loc)).Format(time.RFC3339)}, "\t"))
	}
	write(dir, "next.tsv", next)
	write(dir, "window.tsv", window)
}

// active is KEDA's GetMetricsAndActivity (pkg/scalers/cron_scaler.go) with time.Now() replaced by now.
func active(pair [2]string, location *time.Location, now time.Time) bool {
	startSchedule, _ := parser.Parse(pair[0])
	endSchedule, _ := parser.Parse(pair[1])
	currentTime := now.In(location)
	nextStartTime := startSchedule.Next(now.In(location))
	nextEndTime := endSchedule.Next(now.In(location))
	if nextStartTime.Before(nextEndTime) {
		return currentTime.After(nextStartTime) && currentTime.Before(nextEndTime)
	}
	return currentTime.After(nextStartTime) || currentTime.Before(nextEndTime)
}

func stamp(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

func write(dir, name string, lines []string) {
	if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		panic(err)
	}
}
