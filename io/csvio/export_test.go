package csvio

// SetFastFlows turns the fast path of flows.csv on or off and sets its
// block size (0 keeps it), returning a function that restores both.
func SetFastFlows(on bool, blockBytes int) (restore func()) {
	oldOn, oldBlock := fastFlowsOn, fastBlockBytes
	fastFlowsOn = on
	if blockBytes > 0 {
		fastBlockBytes = blockBytes
	}
	return func() { fastFlowsOn, fastBlockBytes = oldOn, oldBlock }
}
