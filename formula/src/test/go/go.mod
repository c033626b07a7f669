module dev.tide/formula/oracle

go 1.19

require github.com/expr-lang/expr v1.17.8

// KEDA's version of expr-lang, unpacked next to this file (see README.md): no module proxy needed.
replace github.com/expr-lang/expr => ./expr
