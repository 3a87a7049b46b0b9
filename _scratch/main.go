package main

import (
	"fmt"
	"time"

	"backcare"
	"backcare/catalog"
	"backcare/figure"
)

func main() {
	cat, _ := catalog.Builtin()
	for _, id := range []string{"standing-psoas-lunge", "zombie-crawl", "countertop-hip-hinge"} {
		p, _ := cat.Pose(id)
		for _, sz := range [][2]int{{32, 16}, {56, 32}} {
			t := time.Now()
			d, _ := figure.Draw(p.Figure, backcare.Left)
			t1 := time.Since(t)
			_ = d.Braille(sz[0], sz[1])
			fmt.Println(id, sz, t1, time.Since(t))
		}
	}
}
