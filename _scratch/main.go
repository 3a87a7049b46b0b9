package main

import (
	"fmt"
	"os"
	"strconv"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
)

func main() {
	cat, _ := catalog.Builtin()
	cols, _ := strconv.Atoi(os.Args[1])
	rows, _ := strconv.Atoi(os.Args[2])
	for _, id := range os.Args[3:] {
		p, err := cat.Pose(id)
		if err != nil { panic(err) }
		for _, side := range []backcare.Side{backcare.Left, backcare.Right} {
			d, err := figure.Draw(p.Figure, side)
			if err != nil { panic(err) }
			fmt.Printf("%s %s\n%s\n", id, side, d.Braille(cols, rows))
			if !p.Sided { break }
		}
	}
}
