package metrics

import "reflect"

// ColumnDoc describes one column of an output table: the data dictionary's
// entry for it. The README's data dictionary is generated from these
// entries and the writers' own column list (report.Dictionary), and a test
// fails when a column has no entry or the README differs.
type ColumnDoc struct {
	// Meaning says what the value is and how it is computed.
	Meaning string
	// Unit of the value ("count", "share", "nats", "member id" …).
	Unit string
	// Range of the defined values.
	Range string
	// Empty says when the cell is empty (JSON null); "" when never.
	Empty string
	// Reference names the paper or the NetworkX function whose definition
	// the value follows; "" for plain counts and labels.
	Reference string
}

// TableDoc describes one output table.
type TableDoc struct {
	// Row says what one row is.
	Row string
	// Order is the order of the rows.
	Order string
	// Note explains what the columns share or how they differ.
	Note string
	// Columns holds one entry per column, by its csv name.
	Columns map[string]ColumnDoc
}

// DocOf returns the data dictionary of the table whose rows have type T
// (ScopeWindowRow, MemberWindowRow, TrajectoryRow, TransitionRow,
// KnowledgeItemRow, AdoptionRow, MemberRow, CommunityRow); false for any
// other type.
func DocOf[T any]() (TableDoc, bool) {
	d, ok := tableDocs[reflect.TypeFor[T]()]
	return d, ok
}

// Wording shared by several tables.
const (
	emptyNoTime      = "the dataset has no time column"
	emptyNoKnowledge = "the dataset has no knowledge items"
	refNX            = "NetworkX "
	refBurt          = "Burt (1992), Structural Holes; NetworkX "
	countFlows       = "count of flows"
)

var (
	docScope = ColumnDoc{Meaning: "the scope: a declared community's id, or `*` for the whole organization (flows in the community, or every flow)", Unit: "community id"}
	docWin   = ColumnDoc{Meaning: "the window's index, from 0 in time order (see summary.json `windows`)", Unit: "window", Range: "0 … windows−1"}
	docStart = ColumnDoc{Meaning: "the window's start, inclusive", Unit: "RFC 3339 time, UTC", Empty: emptyNoTime}
	docMem   = ColumnDoc{Meaning: "the member's id as in the input", Unit: "member id"}
)

var tableDocs = map[reflect.Type]TableDoc{
	reflect.TypeFor[ScopeWindowRow](): {
		Row:   "scope × window",
		Order: "scopes as declared (organization first), windows in time order; every window is a row, with or without flows",
		Note: "`flows` counts every flow of the scope in the window, self-flows (u→u) included, as summary.json's `windows[].flows` does; " +
			"`member_flows` counts only flows between two different members, the base of `weight`, `intensity`, `flows_per_member` and every knowledge figure. " +
			"n is `active_members` in every density. A flow whose knowledge list names an item twice (`kd;kd`) uses it once. " +
			"The knowledge columns are empty when the dataset has no knowledge items.",
		Columns: map[string]ColumnDoc{
			"scope":                   docScope,
			"window":                  docWin,
			"window_start":            docStart,
			"window_end":              {Meaning: "the window's end, exclusive: the window is [start, end)", Unit: "RFC 3339 time, UTC", Empty: emptyNoTime},
			"window_label":            {Meaning: "a readable name of the window: `2021`, `2021-Q3`, `2021-07`, `2021-W27`, `2021-07-05`, `2021-07-05T14`, `all`, or the start time for fixed durations and parts", Unit: "text"},
			"active_members":          {Meaning: "n: members who sent or received a flow to or from another member of the scope in the window (self-flows do not count); the n of every density", Unit: "count of members", Range: "≥ 0"},
			"flows":                   {Meaning: "every flow of the scope in the window, self-flows (u→u) included; compare `member_flows`", Unit: countFlows, Range: "≥ 0"},
			"arcs":                    {Meaning: "m: arcs of the directed projection, one per ordered pair (u, v), u ≠ v, with at least one flow; undirected data: two per edge (each flow counts both ways)", Unit: "count of arcs", Range: "0 … n(n−1)"},
			"edges":                   {Meaning: "edges of the undirected projection, one per unordered pair with a flow either way", Unit: "count of edges", Range: "0 … n(n−1)/2"},
			"k_max":                   {Meaning: "the largest core number among the active members (undirected, unweighted projection)", Unit: "core number", Range: "≥ 0", Reference: refNX + "`core_number`; Batagelj & Zaversnik (2003)"},
			"core_size":               {Meaning: "members with role core in the window (method `-roles`, default the Borgatti–Everett discrete fit)", Unit: "count of members", Range: "0 … n"},
			"semi_size":               {Meaning: "members with role semi-periphery: not core, tied to a core member", Unit: "count of members", Range: "0 … n"},
			"periphery_size":          {Meaning: "members with role periphery: active, with no tie to the core", Unit: "count of members", Range: "0 … n"},
			"be_rho":                  {Meaning: "correlation between the ties and the ideal core/periphery pattern of the discrete fit (core–periphery block ignored); exact search up to `-exact` members, degree-ordered search above", Unit: "Pearson correlation", Range: "−1 … 1", Empty: "no split gives both kinds of pairs with varying ties (for instance below 4 active members)", Reference: "Borgatti & Everett (1999), discrete model; UCINET"},
			"continuous_rho":          {Meaning: "correlation between the ties and c_i·c_j of the continuous coreness fit (least squares, diagonal excluded)", Unit: "Pearson correlation", Range: "−1 … 1", Empty: "undefined, for instance below 3 active members", Reference: "Borgatti & Everett (1999), continuous model; UCINET (MINRES)"},
			"newcomers":               {Meaning: "members whose first active window in the scope is this one", Unit: "count of members", Range: "0 … n"},
			"newcomers_core_within_h": {Meaning: "share of this window's newcomers who have role core within H windows (`-horizon`, this window included)", Unit: "share", Range: "0 … 1", Empty: "no newcomers, or the horizon runs past the last window", Reference: "Lave & Wenger (1991), legitimate peripheral participation"},
			"median_windows_to_core":  {Meaning: "median number of windows from first activity to first core window, over this window's newcomers who ever reached the core", Unit: "windows", Range: "≥ 0", Empty: "none of the newcomers reached the core"},
			"retention_h":             {Meaning: "share of this window's newcomers active H windows later", Unit: "share", Range: "0 … 1", Empty: "no newcomers, or that window is past the last one"},
			"core_turnover":           {Meaning: "Jaccard distance between this window's core and the previous window's: 1 − |A∩B|/|A∪B|", Unit: "distance", Range: "0 … 1", Empty: "the first window, or both cores empty"},
			"member_flows":            {Meaning: "flows between two different members of the scope in the window: `flows` minus the self-flows", Unit: countFlows, Range: "0 … flows"},
			"weight":                  {Meaning: "total weight of the member flows (self-flows excluded); each flow weighs 1 unless the input gives a weight", Unit: "flow weight", Range: "≥ 0"},
			"density":                 {Meaning: "m/(n(n−1)) of the directed projection: arcs over ordered pairs of active members; undirected data: the undirected density, edges/(n(n−1)/2)", Unit: "share", Range: "0 … 1", Empty: "fewer than 2 active members", Reference: refNX + "`density`"},
			"intensity":               {Meaning: "weight/(n(n−1)): flow weight per ordered pair of active members; undirected data: weight/(n(n−1)/2), per unordered pair", Unit: "flow weight per pair", Range: "≥ 0", Empty: "fewer than 2 active members"},
			"reciprocity":             {Meaning: "share of arcs u→v whose reverse v→u exists", Unit: "share", Range: "0 … 1", Empty: "no arcs, or undirected data (every tie goes both ways; the text and markdown summaries print `undirected`)", Reference: refNX + "`overall_reciprocity`"},
			"gl_rho":                  {Meaning: "Garlaschelli–Loffredo ρ = (r − d)/(1 − d) with r the reciprocity and d the density: 0 for a random graph of the same density, positive when ties are returned more than chance", Unit: "coefficient", Range: "−d/(1−d) … 1", Empty: "no arcs, density 1, or undirected data", Reference: "Garlaschelli & Loffredo (2004), Phys. Rev. Lett. 93"},
			"transitivity":            {Meaning: "3 × triangles / connected triples of the undirected, unweighted projection (0 without triangles)", Unit: "share", Range: "0 … 1", Empty: "no active members", Reference: refNX + "`transitivity`"},
			"average_clustering":      {Meaning: "mean local clustering coefficient of the active members in the undirected, unweighted projection (0 below two neighbours)", Unit: "share", Range: "0 … 1", Empty: "no active members", Reference: refNX + "`average_clustering`"},
			"flows_per_member":        {Meaning: "member_flows / active_members", Unit: "flows per member", Range: "≥ 0", Empty: "no active members"},
			"gini_activity":           {Meaning: "Gini coefficient of member activity (flows sent and received, self-flows excluded) among active members: 0 when everyone is equally active", Unit: "coefficient", Range: "0 … 1", Empty: "no active members"},
			"ei_flows":                {Meaning: "Krackhardt E-I index (external − internal)/(external + internal) of the window's member flows. For a community, internal flows join two of its members and external ones a member and someone else (over the whole organization's flows); for `*`, internal flows join two members sharing a community, external ones two members in communities that share none (flows touching a member without community are left out)", Unit: "index", Range: "−1 … 1", Empty: "no internal or external flow", Reference: "Krackhardt & Stern (1988)"},
			"ei_weight":               {Meaning: "the E-I index of `ei_flows` with flows counted by weight", Unit: "index", Range: "−1 … 1", Empty: "no internal or external flow", Reference: "Krackhardt & Stern (1988)"},
			"items_in_use":            {Meaning: "distinct knowledge items carried by the window's member flows", Unit: "count of items", Range: "≥ 0", Empty: emptyNoKnowledge},
			"item_uses":               {Meaning: "uses: (flow, item) pairs over the window's member flows; an item listed twice in one flow (`kd;kd`) counts once", Unit: "count of uses", Range: "≥ 0", Empty: emptyNoKnowledge},
			"profiled_members":        {Meaning: "members with a knowledge profile: those whose member flows in the window (sent or received) carry at least one item", Unit: "count of members", Range: "0 … n", Empty: emptyNoKnowledge},
			"entropy":                 {Meaning: "Shannon entropy −Σ p_k ln p_k of the items' shares p_k of the uses", Unit: "nats", Range: "0 … ln(items_in_use)", Empty: emptyNoKnowledge + ", or no uses in the window", Reference: "Shannon (1948)"},
			"normalized_entropy":      {Meaning: "entropy / ln(items_in_use): 1 when uses are spread evenly", Unit: "share", Range: "0 … 1", Empty: emptyNoKnowledge + ", or fewer than 2 items in use"},
			"herfindahl":              {Meaning: "Herfindahl index Σ p_k² of the items' shares of the uses: 1 when one item takes every use", Unit: "share", Range: "1/items_in_use … 1", Empty: emptyNoKnowledge + ", or no uses in the window", Reference: "Herfindahl–Hirschman index"},
			"mean_cosine":             {Meaning: "mean cosine similarity of the members' knowledge profiles (item counts over the flows each took part in) over all pairs of profiled members, computed as (|Σu_i|² − n)/(n(n−1)) over unit vectors u_i", Unit: "similarity", Range: "0 … 1", Empty: emptyNoKnowledge + ", or fewer than 2 profiled members"},
			"mean_jaccard":            {Meaning: "mean Jaccard similarity |A∩B|/|A∪B| of the profiled members' item sets, over every pair up to 2,000 profiles, else over `jaccard_pairs` pairs drawn with `-seed`", Unit: "similarity", Range: "0 … 1", Empty: emptyNoKnowledge + ", or fewer than 2 profiled members", Reference: "Jaccard (1901)"},
			"jaccard_pairs":           {Meaning: "pairs averaged in `mean_jaccard`: every pair, n(n−1)/2, when exact; the sample size otherwise; 0 without a pair", Unit: "count of pairs", Range: "≥ 0", Empty: emptyNoKnowledge},
			"jaccard_exact":           {Meaning: "true when `mean_jaccard` averages every pair rather than a sample (also true when there is no pair: nothing was sampled)", Unit: "true/false", Range: "true, false", Empty: emptyNoKnowledge},
			"shared_items":            {Meaning: "items used by at least θ (`-theta`) of the window's active members", Unit: "count of items", Range: "0 … items_in_use", Empty: emptyNoKnowledge},
			"shared_use_share":        {Meaning: "share of the window's uses that fall on shared items", Unit: "share", Range: "0 … 1", Empty: emptyNoKnowledge + ", or no uses in the window"},
		},
	},
	reflect.TypeFor[MemberWindowRow](): {
		Row:   "scope × window × active member",
		Order: "scope, window, member (input order); members not active in a window have no row",
		Columns: map[string]ColumnDoc{
			"scope":          docScope,
			"window":         docWin,
			"window_start":   docStart,
			"member":         docMem,
			"active":         {Meaning: "always true: only active members have rows (kept so that tables joined on member and window show it)", Unit: "true/false", Range: "true"},
			"newcomer":       {Meaning: "true in the member's first active window in the scope", Unit: "true/false", Range: "true, false"},
			"sender":         {Meaning: "the member sent at least one member flow in the window; undirected data: took part in one (always true, as `receiver`)", Unit: "true/false", Range: "true, false"},
			"receiver":       {Meaning: "the member received at least one member flow in the window; undirected data: as `sender`", Unit: "true/false", Range: "true, false"},
			"in_degree":      {Meaning: "distinct members who sent the member a flow (directed projection); undirected data: equal to `degree`", Unit: "count of members", Range: "0 … n−1", Reference: refNX + "`in_degree`"},
			"out_degree":     {Meaning: "distinct members the member sent a flow to; undirected data: equal to `degree`", Unit: "count of members", Range: "0 … n−1", Reference: refNX + "`out_degree`"},
			"degree":         {Meaning: "neighbours in the undirected projection (distinct members exchanged with either way)", Unit: "count of members", Range: "1 … n−1", Reference: refNX + "`degree` of the undirected graph"},
			"in_strength":    {Meaning: "total weight of the flows received (self-flows excluded); undirected data: of the flows the member took part in, equal to `strength`", Unit: "flow weight", Range: "≥ 0"},
			"out_strength":   {Meaning: "total weight of the flows sent (self-flows excluded); undirected data: equal to `strength`", Unit: "flow weight", Range: "≥ 0"},
			"strength":       {Meaning: "in_strength + out_strength; undirected data: the weight of the flows the member took part in, each counted once", Unit: "flow weight", Range: "> 0"},
			"flows_sent":     {Meaning: "flows the member sent to other members; undirected data: the flows the member took part in (as `flows_received`)", Unit: countFlows, Range: "≥ 0"},
			"flows_received": {Meaning: "flows the member received from other members; undirected data: as `flows_sent`", Unit: countFlows, Range: "≥ 0"},
			"core_number":    {Meaning: "k-core number in the undirected, unweighted projection: the largest k such that the member is in a subgraph where everyone has at least k neighbours", Unit: "core number", Range: "1 … k_max", Reference: refNX + "`core_number`; Batagelj & Zaversnik (2003)"},
			"coreness":       {Meaning: "normalized coreness core_number / k_max", Unit: "share", Range: "0 … 1", Empty: "k_max is 0"},
			"be_coreness":    {Meaning: "Borgatti–Everett continuous coreness c_i: c_i·c_j is the least-squares fit to the ties a_ij (diagonal excluded), so values are on the scale of tie probabilities, not normalized", Unit: "coreness", Range: "about 0 … 1", Empty: "the fit is undefined", Reference: "Borgatti & Everett (1999); UCINET"},
			"role":           {Meaning: "the member's role in the window: core, semi (tied to a core member), periphery (no tie to the core)", Unit: "text", Range: "core, semi, periphery"},
			"constraint":     {Meaning: "Burt's constraint Σ_j (p_ij + Σ_q p_iq p_qj)² in the window's projection, ties counted by mutual weight w_ij + w_ji (neighbours = predecessors ∪ successors)", Unit: "index", Range: "> 0 (1 with a single neighbour)", Empty: "the social-capital family was not computed", Reference: refBurt + "`constraint`"},
			"effective_size": {Meaning: "Burt's effective size: neighbours minus their redundancy", Unit: "members", Range: "0 … degree", Empty: "the social-capital family was not computed", Reference: refBurt + "`effective_size`"},
			"efficiency":     {Meaning: "effective_size / degree", Unit: "share", Range: "0 … 1", Empty: "the social-capital family was not computed", Reference: "Burt (1992)"},
			"hierarchy":      {Meaning: "Burt's hierarchy: how concentrated the constraint is on one neighbour, Σ_j r_j ln r_j / (N ln N) with r_j = c_ij/(C/N)", Unit: "index", Range: "0 … 1", Empty: "only one neighbour", Reference: "Burt (1992); UCINET"},
		},
	},
	reflect.TypeFor[TrajectoryRow](): {
		Row:   "scope × member ever active in it",
		Order: "scope, member (input order)",
		Columns: map[string]ColumnDoc{
			"scope":              docScope,
			"member":             docMem,
			"first_window":       {Meaning: "the member's first active window in the scope", Unit: "window", Range: "0 … windows−1"},
			"first_window_start": {Meaning: "the start of `first_window`", Unit: "RFC 3339 time, UTC", Empty: emptyNoTime},
			"last_window":        {Meaning: "the member's last active window", Unit: "window", Range: "first_window … windows−1"},
			"first_core_window":  {Meaning: "the first window with role core", Unit: "window", Range: "first_window … last_window", Empty: "the member never reached the core"},
			"windows_to_core":    {Meaning: "first_core_window − first_window", Unit: "windows", Range: "≥ 0", Empty: "the member never reached the core", Reference: "Lave & Wenger (1991)"},
			"active_windows":     {Meaning: "windows in which the member was active", Unit: "windows", Range: "1 … windows"},
			"core_windows":       {Meaning: "windows with role core", Unit: "windows", Range: "0 … active_windows"},
			"ever_left":          {Meaning: "true when the member was absent in some window after its first active one, up to the last window of the observation (a member who stopped before the end has left)", Unit: "true/false", Range: "true, false"},
			"coreness_slope":     {Meaning: "least-squares slope of normalized coreness per window over the member's tenure (first to last active window; absent windows count 0): positive when moving toward the core", Unit: "coreness per window", Range: "−1 … 1", Empty: "a tenure of one window"},
			"roles":              {Meaning: "one letter per window from first_window to the last window of the observation: C core, S semi-periphery, P periphery, - absent (e.g. `PSC-C`)", Unit: "text", Range: "letters C, S, P, -"},
		},
	},
	reflect.TypeFor[TransitionRow](): {
		Row:   "scope × (from, to) pair of states",
		Order: "scope, then from and to in the order new, absent, periphery, semi, core",
		Columns: map[string]ColumnDoc{
			"scope": docScope,
			"from":  {Meaning: "the state in a window: a role, `absent`, or `new` (the window before the member's first active one)", Unit: "text", Range: "new, absent, periphery, semi, core"},
			"to":    {Meaning: "the state in the next window", Unit: "text", Range: "absent, periphery, semi, core"},
			"count": {Meaning: "moves from `from` to `to` between consecutive windows, over every member ever active in the scope, from the window before its first active one (`new`) to the last window of the observation; `new` → `absent` has no row", Unit: "count of moves", Range: "≥ 0"},
			"share": {Meaning: "count over every move out of `from`: the row of the transition matrix sums to 1", Unit: "share", Range: "0 … 1", Empty: "no move out of `from`", Reference: "Markov transition matrix"},
		},
	},
	reflect.TypeFor[KnowledgeItemRow](): {
		Row:   "scope × knowledge item",
		Order: "scope, item (input order)",
		Note: "An item has a row in a scope when it is used in a flow between two members of the scope; for the organization (`*`), also when knowledge.csv declares it with a creation time. " +
			"An item used only in self-flows has no row. Duplicates in one flow's list (`kd;kd`) count once. The file is written only when the dataset has knowledge items.",
		Columns: map[string]ColumnDoc{
			"scope":               docScope,
			"item":                {Meaning: "the item's id as in the flows' `knowledge` column or knowledge.csv", Unit: "item id"},
			"label":               {Meaning: "the item's name from knowledge.csv", Unit: "text", Range: "\"\" when knowledge.csv gives none"},
			"first_use":           {Meaning: "time of the first member flow carrying the item; for `*`, its creation time in knowledge.csv when earlier", Unit: "RFC 3339 time, UTC", Empty: emptyNoTime},
			"first_window":        {Meaning: "the window holding first_use (the first window when the creation precedes them)", Unit: "window", Range: "0 … windows−1"},
			"originators":         {Meaning: "member ids separated by `;`: the creator when the creation comes first, otherwise the senders of the flows at the first use time (undirected data: both ends of those flows)", Unit: "member ids", Range: "\"\" for a declared item without creator and without use"},
			"uses":                {Meaning: "(flow, item) pairs over all windows (duplicates in one flow's list count once)", Unit: "count of uses", Range: "≥ 0"},
			"adopters":            {Meaning: "distinct members who ever sent or received a flow carrying the item", Unit: "count of members", Range: "≥ 0"},
			"peak_adopter_share":  {Meaning: "largest share of a window's active members using the item", Unit: "share", Range: "0 … 1", Empty: "the item was never used in a member flow of the scope", Reference: "Rogers (2003), Diffusion of Innovations"},
			"peak_window":         {Meaning: "the first window reaching peak_adopter_share", Unit: "window", Range: "0 … windows−1", Empty: "the item was never used"},
			"windows_above_theta": {Meaning: "windows in which at least θ (`-theta`) of the active members used the item", Unit: "windows", Range: "0 … windows"},
			"objectified_window":  {Meaning: "the window completing the item's first run of w (`-persist`) consecutive windows above θ: the item became shared, taken-for-granted knowledge", Unit: "window", Range: "w−1 … windows−1", Empty: "the item was never objectified", Reference: "Berger & Luckmann (1966); Huysman & de Wit (2002)"},
			"objectified":         {Meaning: "objectified_window is set", Unit: "true/false", Range: "true, false"},
		},
	},
	reflect.TypeFor[AdoptionRow](): {
		Row:   "scope × item × window, from the item's first window on",
		Order: "scope, item, window",
		Note:  "Written only when the dataset has knowledge items; items as in knowledge_items.csv.",
		Columns: map[string]ColumnDoc{
			"scope":               docScope,
			"item":                {Meaning: "the item's id", Unit: "item id"},
			"window":              docWin,
			"window_start":        docStart,
			"adopters":            {Meaning: "members who sent or received a member flow carrying the item in the window", Unit: "count of members", Range: "0 … n"},
			"new_adopters":        {Meaning: "adopters using the item for the first time", Unit: "count of members", Range: "0 … adopters"},
			"cumulative_adopters": {Meaning: "members who used the item in this window or before", Unit: "count of members", Range: "≥ adopters", Reference: "Rogers (2003): the adoption curve"},
			"uses":                {Meaning: "(flow, item) pairs in the window", Unit: "count of uses", Range: "≥ 0"},
			"adopter_share":       {Meaning: "adopters / the window's active members of the scope", Unit: "share", Range: "0 … 1", Empty: "no active members in the window"},
		},
	},
	reflect.TypeFor[MemberRow](): {
		Row:   "member, over the whole period and the whole organization",
		Order: "input order: members.csv, then members first named by flows",
		Note:  "Figures of the projection of every flow of the whole period. Betweenness is normalized with n = the active members, not every member; inactive members have empty cells except the counts.",
		Columns: map[string]ColumnDoc{
			"member":               docMem,
			"name":                 {Meaning: "the member's name from members.csv", Unit: "text", Range: "\"\" when none is given"},
			"communities":          {Meaning: "the member's declared communities, ids separated by `;` (the first one types brokerage and cognitive similarity)", Unit: "community ids", Range: "\"\" without community"},
			"active":               {Meaning: "the member has a tie: a flow to or from another member in the whole period", Unit: "true/false", Range: "true, false"},
			"in_degree":            {Meaning: "distinct members who sent the member a flow; undirected data: equal to `degree`", Unit: "count of members", Range: "≥ 0", Reference: refNX + "`in_degree`"},
			"out_degree":           {Meaning: "distinct members the member sent a flow to; undirected data: equal to `degree`", Unit: "count of members", Range: "≥ 0", Reference: refNX + "`out_degree`"},
			"degree":               {Meaning: "neighbours in the undirected projection", Unit: "count of members", Range: "≥ 0"},
			"strength":             {Meaning: "total weight of the member's ties, w(u→v)+w(v→u) summed over neighbours; undirected data: each tie weighs the total weight of the pair's flows, once", Unit: "flow weight", Range: "≥ 0 (0 for inactive members)"},
			"constraint":           {Meaning: "Burt's constraint (see member_windows.csv) over the whole period", Unit: "index", Range: "> 0", Empty: "inactive member", Reference: refBurt + "`constraint`"},
			"effective_size":       {Meaning: "Burt's effective size over the whole period", Unit: "members", Range: "0 … degree", Empty: "inactive member", Reference: refBurt + "`effective_size`"},
			"efficiency":           {Meaning: "effective_size / degree", Unit: "share", Range: "0 … 1", Empty: "inactive member", Reference: "Burt (1992)"},
			"hierarchy":            {Meaning: "Burt's hierarchy over the whole period", Unit: "index", Range: "0 … 1", Empty: "inactive member, or one neighbour", Reference: "Burt (1992); UCINET"},
			"betweenness":          {Meaning: "betweenness of the directed, unweighted projection (shortest paths by hops), normalized by (n−1)(n−2) with n the active members; exact up to `-bc-exact` active members, estimated from `-pivots` sources drawn with `-seed` above (summary.json lists them); undirected data: computed on the symmetric projection, which equals NetworkX `betweenness_centrality` of the undirected graph", Unit: "share of shortest paths", Range: "0 … 1 (0 for inactive members)", Reference: refNX + "`betweenness_centrality` (normalized, directed; `k` when sampled); Brandes (2001)"},
			"coordinator":          {Meaning: "two-paths a→v→b (no arc a→b) with a, v and b in one community; undirected data: two-paths a–v–b (a and b not tied) counted once per unordered pair {a, b}, in this column and the next four", Unit: "count of two-paths", Range: "≥ 0", Reference: "Gould & Fernandez (1989)"},
			"itinerant":            {Meaning: "two-paths with a and b in one community, v in another", Unit: "count of two-paths", Range: "≥ 0", Reference: "Gould & Fernandez (1989)"},
			"representative":       {Meaning: "two-paths with a and v in one community, b in another; undirected data: pairs with one end in v's community and the other in another (representative and gatekeeper are one role without direction)", Unit: "count of two-paths", Range: "≥ 0", Reference: "Gould & Fernandez (1989)"},
			"gatekeeper":           {Meaning: "two-paths with v and b in one community, a in another", Unit: "count of two-paths", Range: "≥ 0", Empty: "undirected data (counted in `representative`)", Reference: "Gould & Fernandez (1989)"},
			"liaison":              {Meaning: "two-paths with a, v and b in three different communities", Unit: "count of two-paths", Range: "≥ 0", Reference: "Gould & Fernandez (1989)"},
			"brokerage_total":      {Meaning: "every brokered two-path, including those touching a member without community (which get no type); undirected data: every unordered pair, once", Unit: "count of two-paths", Range: "≥ the sum of the five types"},
			"reciprocated_share":   {Meaning: "share of the member's ties (neighbours) with arcs both ways", Unit: "share", Range: "0 … 1", Empty: "inactive member, or undirected data"},
			"mean_tie_strength":    {Meaning: "mean tie weight w(u→v)+w(v→u) over the member's neighbours; undirected data: the pair's flows counted once", Unit: "flow weight", Range: "> 0", Empty: "inactive member"},
			"repeated_tie_share":   {Meaning: "share of the member's ties carrying at least two flows (either way)", Unit: "share", Range: "0 … 1", Empty: "inactive member"},
			"cognitive_similarity": {Meaning: "cosine similarity of the member's knowledge profile (whole period) to the sum of the unit profiles of the other members of its first community", Unit: "similarity", Range: "0 … 1", Empty: "no community, no profile, or no other profiled member in the community"},
			"bonding_share":        {Meaning: "share of the member's tie weight going to members who share one of its communities", Unit: "share", Range: "0 … 1", Empty: "inactive member or no community", Reference: "Putnam (2000), bonding social capital"},
			"bridging_share":       {Meaning: "1 − bonding_share: tie weight going to members of other or no communities", Unit: "share", Range: "0 … 1", Empty: "inactive member or no community", Reference: "Putnam (2000), bridging social capital"},
			"ei_index":             {Meaning: "E-I index (external − internal)/(external + internal) over the member's ties (counted, not weighted)", Unit: "index", Range: "−1 … 1", Empty: "inactive member or no community", Reference: "Krackhardt & Stern (1988)"},
			"detected_community":   {Meaning: "the member's community found by copnet's Louvain on the whole period's undirected, weighted projection (seeded by `-seed`), numbered from 0 in order of the lowest member; an inactive member forms its own", Unit: "community number", Range: "≥ 0", Reference: "Blondel et al. (2008); NetworkX `louvain_communities`"},
		},
	},
	reflect.TypeFor[CommunityRow](): {
		Row:   "declared community, over the whole period",
		Order: "declaration order: communities.csv, then communities first named by members or flows",
		Columns: map[string]ColumnDoc{
			"community":                    {Meaning: "the community's id", Unit: "community id"},
			"name":                         {Meaning: "the community's name from communities.csv", Unit: "text", Range: "\"\" when none is given"},
			"members":                      {Meaning: "members declaring the community", Unit: "count of members", Range: "≥ 0"},
			"active_members":               {Meaning: "declared members with a tie in the whole organization over the whole period", Unit: "count of members", Range: "0 … members"},
			"structural_density":           {Meaning: "density m/(n(n−1)) of the community's own projection (its flows, whole period); undirected data: edges/(n(n−1)/2)", Unit: "share", Range: "0 … 1", Empty: "fewer than 2 active members in the community's flows", Reference: refNX + "`density`"},
			"structural_mean_constraint":   {Meaning: "mean of members.csv `constraint` over the community's active members", Unit: "index", Range: "> 0", Empty: "no active member"},
			"structural_mean_betweenness":  {Meaning: "mean of members.csv `betweenness` over the community's active members", Unit: "share of shortest paths", Range: "0 … 1", Empty: "no active member"},
			"relational_reciprocity":       {Meaning: "reciprocity of the community's own projection", Unit: "share", Range: "0 … 1", Empty: "no arcs, or undirected data", Reference: refNX + "`overall_reciprocity`"},
			"relational_mean_tie_strength": {Meaning: "total weight of the community's member flows over the edges of its undirected projection", Unit: "flow weight", Range: "> 0", Empty: "no edges"},
			"cognitive_mean_similarity":    {Meaning: "mean of members.csv `cognitive_similarity` over the community's members where it is defined", Unit: "similarity", Range: "0 … 1", Empty: "no member has one"},
			"cognitive_convergence_trend":  {Meaning: "least-squares slope of the community's `mean_cosine` over the windows where it is defined (summary.json `convergence_trend`): positive when knowledge converges", Unit: "similarity per window", Range: "−1 … 1", Empty: "fewer than 2 windows with a mean cosine, or no knowledge"},
			"bonding_internal_weight":      {Meaning: "weight of the whole organization's member flows joining two members of the community", Unit: "flow weight", Range: "≥ 0"},
			"bridging_external_weight":     {Meaning: "weight of the whole organization's member flows joining a member of the community and someone outside it", Unit: "flow weight", Range: "≥ 0"},
			"bonding_share":                {Meaning: "internal / (internal + external) weight", Unit: "share", Range: "0 … 1", Empty: "no flow touches the community's members"},
			"bridging_share":               {Meaning: "1 − bonding_share", Unit: "share", Range: "0 … 1", Empty: "no flow touches the community's members"},
			"ei_flows":                     {Meaning: "E-I index (external − internal)/(external + internal) of the community, flows counted", Unit: "index", Range: "−1 … 1", Empty: "no flow touches the community's members", Reference: "Krackhardt & Stern (1988)"},
			"ei_weight":                    {Meaning: "the same E-I index with flows counted by weight", Unit: "index", Range: "−1 … 1", Empty: "no flow touches the community's members", Reference: "Krackhardt & Stern (1988)"},
		},
	},
	reflect.TypeFor[CycleRow](): {
		Row:   "scope × window",
		Order: "as scope_windows.csv: organization (`*`) first, then communities in declaration order; windows in time order",
		Note: "The knowledge-sharing cycle: each flow kind maps to gathering (knowledge moving to a member who sought it), exchange (dialogue) or objectifying (an act that makes knowledge collectively accepted) by `-cycle` (defaults per preset). " +
			"The `be_rho*` columns test the window's Borgatti–Everett discrete core/periphery fit against degree-preserving rewirings of the same projection (double edge swaps, seeded; Kojaku & Masuda 2018): " +
			"roles in a window with `core_significant` false may reflect activity more than structure.",
		Columns: map[string]ColumnDoc{
			"scope":                          docScope,
			"window":                         docWin,
			"window_start":                   docStart,
			"gathering_flows":                {Meaning: "the scope's flows in the window whose kind maps to gathering (self-flows included)", Unit: "count of flows", Range: "≥ 0"},
			"exchange_flows":                 {Meaning: "flows whose kind maps to exchange", Unit: "count of flows", Range: "≥ 0"},
			"objectifying_flows":             {Meaning: "flows whose kind maps to objectifying", Unit: "count of flows", Range: "≥ 0"},
			"unmapped_flows":                 {Meaning: "flows of other kinds, or without a kind", Unit: "count of flows", Range: "≥ 0"},
			"gathering_share":                {Meaning: "gathering_flows over the mapped flows", Unit: "share", Range: "0 … 1", Empty: "no mapped flow in the window"},
			"exchange_share":                 {Meaning: "exchange_flows over the mapped flows", Unit: "share", Range: "0 … 1", Empty: "no mapped flow in the window"},
			"objectifying_share":             {Meaning: "objectifying_flows over the mapped flows", Unit: "share", Range: "0 … 1", Empty: "no mapped flow in the window"},
			"gatherers":                      {Meaning: "members who received a gathering flow from another member", Unit: "count of members", Range: "≥ 0"},
			"providers":                      {Meaning: "members who sent a gathering flow to another member", Unit: "count of members", Range: "≥ 0"},
			"gatherers_providing":            {Meaning: "members who did both", Unit: "count of members", Range: "0 … min(gatherers, providers)"},
			"objectifying_on_objectified":    {Meaning: "objectifying flows carrying an item already objectified in the scope by this window (knowledge_items.csv `objectified_window` ≤ window)", Unit: "count of flows", Range: "≥ 0"},
			"objectifying_on_later":          {Meaning: "objectifying flows carrying no item objectified yet but one objectified later", Unit: "count of flows", Range: "≥ 0"},
			"objectifying_on_never":          {Meaning: "objectifying flows carrying no item that is ever objectified in the scope", Unit: "count of flows", Range: "≥ 0"},
			"objectifying_share_objectified": {Meaning: "(on_objectified + on_later) / objectifying flows", Unit: "share", Range: "0 … 1", Empty: "no objectifying flow"},
			"be_rho":                         {Meaning: "the discrete core/periphery fit's correlation ρ (as scope_windows.csv `be_rho`)", Unit: "correlation", Range: "−1 … 1", Empty: "untested: fewer than 4 active members, `-rewire-draws 0`, or ρ undefined", Reference: "Borgatti & Everett (1999)"},
			"be_rho_null_mean":               {Meaning: "mean ρ over the rewired graphs", Unit: "correlation", Range: "−1 … 1", Empty: "untested"},
			"be_rho_null_sd":                 {Meaning: "standard deviation of ρ over the rewired graphs (n − 1)", Unit: "correlation", Range: "≥ 0", Empty: "untested"},
			"be_rho_z":                       {Meaning: "(ρ − null mean) / null sd", Unit: "z-score", Empty: "untested, or a null sd of 0"},
			"be_rho_p":                       {Meaning: "one-sided empirical p-value (1 + #{rewired ρ ≥ ρ}) / (1 + draws), the draws being the states of a chain of swaps around the observed graph (Besag & Clifford's serial test)", Unit: "probability", Range: "1/(draws+1) … 1", Empty: "untested", Reference: "North, Curtis & Sham (2002); Besag & Clifford (1989); Kojaku & Masuda (2018)"},
			"be_rho_draws":                   {Meaning: "rewired graphs with a defined ρ among the `-rewire-draws` made", Unit: "count", Range: "0 … `-rewire-draws`"},
			"core_significant":               {Meaning: "be_rho_p < α (`-alpha`): the core/periphery structure is stronger than the degrees alone give", Unit: "true/false", Empty: "untested"},
		},
	},
	reflect.TypeFor[AdvantageRowOut](): {
		Row:   "partition × community × window (or the whole period) × indicator",
		Order: "declared communities (declaration order), then detected ones (Louvain label); per community the whole period (empty window) first, then windows in time order; indicators in a fixed order",
		Note: "Each community's indicator against K (`-draws`) random groups of the same size drawn among the same window's active members of the whole organization (seeded). The communities of a window share each draw: it orders the window's active members at random, and a community of s active members is compared with the first s of them, a uniform random group of its size; the tests of one window are thus positively dependent, which the Benjamini–Hochberg q-values allow. " +
			"Detected communities are the Louvain communities of members.csv `detected_community` with at least 3 active members, the 10 largest; found over the whole period, they are tested over the whole period only. q-values are Benjamini–Hochberg over every row of the table. A community beats its null on an indicator when q < α and z > 0.",
		Columns: map[string]ColumnDoc{
			"indicator":      {Meaning: "density, reciprocity, average_clustering (of the group's induced subgraph of the window's organization projection), mean_cosine (of its members' knowledge profiles), newcomers_core_within_h and retention_h (means over the group's newcomers of the window: reached the core within H windows; active H windows later), objectified_items_per_member (mean number of objectified items in its members' profiles)", Unit: "name"},
			"partition":      {Meaning: "`declared` (communities.csv) or `detected` (Louvain)", Unit: "text"},
			"scope":          {Meaning: "the community's id, or its Louvain label for a detected one", Unit: "community id"},
			"window":         {Meaning: "the window's index", Unit: "window", Empty: "the whole period"},
			"window_start":   docStart,
			"active_members": {Meaning: "the community's members active in the window: the size of every random group", Unit: "count of members", Range: "≥ 0"},
			"observed":       {Meaning: "the indicator on the community", Unit: "as the indicator", Empty: "undefined (too few members, no newcomers …)"},
			"null_mean":      {Meaning: "mean over the random groups where defined", Unit: "as the indicator", Empty: "no defined draw"},
			"null_sd":        {Meaning: "standard deviation over the random groups (n − 1)", Unit: "as the indicator", Empty: "fewer than 2 defined draws"},
			"z":              {Meaning: "(observed − null mean) / null sd", Unit: "z-score", Empty: "undefined, or a null sd of 0"},
			"p":              {Meaning: "one-sided empirical p-value (1 + #{draws ≥ observed}) / (1 + draws), or h/L when the test stopped after L draws with h = `-stop-after` of them at or above the observed value", Unit: "probability", Range: "1/(draws+1) … 1", Empty: "observed undefined", Reference: "North, Curtis & Sham (2002); Besag & Clifford (1991)"},
			"q":              {Meaning: "Benjamini–Hochberg q-value over every p of the table", Unit: "probability", Range: "p … 1", Empty: "p empty", Reference: "Benjamini & Hochberg (1995); R `p.adjust(method = \"BH\")`"},
			"draws":          {Meaning: "random groups with a defined value among those made (fewer than `-draws` when the test stopped early)", Unit: "count", Range: "0 … `-draws`"},
		},
	},
	reflect.TypeFor[PaceRow](): {
		Row:   "scope, over the whole period",
		Order: "organization (`*`) first, then communities in declaration order",
		Note: "The measurable form of \"objectification happens at a much slower pace\": the median objectification lag over the median exchange time, with a seeded percentile bootstrap interval (`-bootstrap` resamples). " +
			"Exchange times are the times from a thread's start to its first response (flow attributes `thread`, `thread_start`, as the sede preset writes them), or the gaps between a pair's consecutive flows without threads; both over gathering and exchange flows. " +
			"Lags are the times from a question to its accepted answer (objectifying flows; timed by the acceptance vote, else by the answer's creation, a lower bound), or, without such flows, from an item's first use to the end of the window where it became objectified.",
		Columns: map[string]ColumnDoc{
			"scope":                   docScope,
			"exchange_measure":        {Meaning: "`thread_response` or `pair_gap`", Unit: "text"},
			"exchange_times":          {Meaning: "exchange times measured", Unit: "count", Range: "≥ 0"},
			"exchange_median_seconds": {Meaning: "median exchange time", Unit: "seconds", Range: "≥ 0", Empty: "no exchange time"},
			"pair_gap_median_seconds": {Meaning: "median gap between a pair's consecutive gathering or exchange flows", Unit: "seconds", Range: "≥ 0", Empty: "no pair with two flows"},
			"lag_source":              {Meaning: "`acceptance` or `objectified_items`", Unit: "text"},
			"lags":                    {Meaning: "lags measured", Unit: "count", Range: "≥ 0"},
			"lag_median_seconds":      {Meaning: "median objectification lag", Unit: "seconds", Range: "≥ 0", Empty: "no lag"},
			"lag_lower_bound_share":   {Meaning: "share of acceptance lags timed by the answer's creation (no vote date), so lower bounds", Unit: "share", Range: "0 … 1", Empty: "item lags"},
			"ratio":                   {Meaning: "lag median / exchange median: how many times slower objectification is than exchange", Unit: "ratio", Range: "≥ 0", Empty: "no lag or no exchange time, or an exchange median of 0"},
			"ratio_lo":                {Meaning: "lower end of the bootstrap interval", Unit: "ratio", Empty: "as ratio, or `-bootstrap 0`"},
			"ratio_hi":                {Meaning: "upper end of the bootstrap interval", Unit: "ratio", Empty: "as ratio, or `-bootstrap 0`"},
			"level":                   {Meaning: "the interval's confidence level", Unit: "share", Range: "0.95", Empty: "no interval"},
			"bootstrap_draws":         {Meaning: "resamples whose ratio was defined", Unit: "count", Range: "0 … `-bootstrap`"},
		},
	},
}
