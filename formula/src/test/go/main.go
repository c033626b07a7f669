// Command oracle runs formulas through expr-lang exactly as KEDA does, so that Tide's formula module can be
// compared with the real thing. See README.md.
//
// Input, one case per line: formula<TAB>name=value,name=value,... where a value is a float64, "nil" (the
// variable holds nil, as a trigger past its fallback threshold does) or "absent" (the variable is not in the
// data at all). A literal \n in the formula stands for a line break.
//
// Output, one line per case: formula<TAB>outcome<TAB>detail, where outcome is "value" (detail: Go type, a tab,
// then %v), "compile" or "run" (detail: the error text), with backslashes, tabs and line breaks escaped.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
)

func escape(s string) string {
	return strings.NewReplacer("\\", "\\\\", "\t", "\\t", "\n", "\\n").Replace(s)
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		parts := strings.SplitN(in.Text(), "\t", 2)
		formula := strings.ReplaceAll(parts[0], "\\n", "\n")
		// KEDA compiles against map[string]float64 (every trigger at -1) and runs on map[string]any.
		env := map[string]float64{}
		data := map[string]any{}
		if len(parts) > 1 && parts[1] != "" {
			for _, pair := range strings.Split(parts[1], ",") {
				nameValue := strings.SplitN(pair, "=", 2)
				env[nameValue[0]] = -1
				switch nameValue[1] {
				case "nil":
					data[nameValue[0]] = nil
				case "absent":
				default:
					f, err := strconv.ParseFloat(nameValue[1], 64)
					if err != nil {
						panic(err)
					}
					data[nameValue[0]] = f
				}
			}
		}
		outcome, detail := run(formula, env, data)
		fmt.Fprintf(out, "%s\t%s\t%s\n", parts[0], outcome, detail)
	}
}

func run(formula string, env map[string]float64, data map[string]any) (string, string) {
	program, err := expr.Compile(formula, expr.Env(env))
	if err != nil {
		return "compile", escape(err.Error())
	}
	value, err := expr.Run(program, data)
	if err != nil {
		return "run", escape(err.Error())
	}
	return "value", escape(fmt.Sprintf("%T\t%v", value, value))
}
