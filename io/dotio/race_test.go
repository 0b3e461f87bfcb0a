//go:build race

package dotio_test

// raceEnabled is true under the race detector, which slows the layout
// several times: the timing checks then do not apply.
const raceEnabled = true
