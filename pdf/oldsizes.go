package pdf

// oldSizes are the scale (mm per standing height) and the picture's
// height (mm) of every built-in pose on the chart before issue 13, when
// every figure was fitted into a 54 x 42 mm box: measured at commit
// ca72e40 with the figures of the time (see docs/figures.md, "The
// chart"). A picture grows from the larger of these and the old box's
// scale for today's figure, so that a figure drawn flatter or narrower
// since is still drawn twice as tall and at twice the scale it was.
var oldSizes = map[string]struct{ scale, h float64 }{
	"abdominal-brace":               {48.6, 15.6},
	"bird-dog":                      {29.9, 15.6},
	"bird-dog-leg-slide":            {39.2, 18.8},
	"bird-dog-squares":              {38.1, 20.1},
	"chair-seat-hip-hinge":          {55.6, 31.7},
	"childs-pose":                   {47.1, 12.8},
	"childs-pose-side-reach":        {40.5, 12.4},
	"countertop-hip-hinge":          {47.5, 30.2},
	"curl-up":                       {43.3, 14.0},
	"curl-up-elbows-up":             {43.3, 16.0},
	"dead-bug":                      {30.1, 16.6},
	"dead-bug-hold":                 {53.0, 29.2},
	"face-down-reach":               {28.0, 5.1},
	"figure-four":                   {53.0, 26.2},
	"glute-bridge":                  {51.3, 18.6},
	"knee-sway":                     {49.7, 16.0},
	"knee-to-chest":                 {48.6, 21.2},
	"low-lunge-side-reach":          {34.7, 42.0},
	"pelvic-tilt":                   {48.7, 15.7},
	"short-wall-lunge":              {31.7, 42.0},
	"side-bridge-feet":              {44.6, 24.5},
	"side-bridge-knees":             {53.6, 28.5},
	"single-leg-bridge":             {45.1, 25.4},
	"single-leg-hip-hinge":          {33.6, 27.7},
	"single-leg-stance":             {40.4, 42.0},
	"single-leg-stance-eyes-closed": {40.5, 42.0},
	"sphinx":                        {39.2, 16.1},
	"standing-psoas-lunge":          {31.7, 42.0},
	"supine-twist":                  {37.6, 42.0},
	"tandem-stance":                 {40.1, 42.0},
	"wall-hip-hinge":                {31.7, 42.0},
	"wall-side-bridge":              {31.7, 42.0},
	"zombie-crawl":                  {30.3, 7.9},
}
