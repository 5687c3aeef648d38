// Package topology shows fan-out over the topology a client is built
// around: one goroutine per cluster node, per assigned partition, per
// configured address or per known host. The number of goroutines is the
// size of the cluster or of the configuration, not of the input, and none
// of it is reported. The shapes are those of go-redis' ClusterClient,
// kafka-go's Reader, memberlist's NetTransport and gocql's connection pool.
package topology

import (
	"context"
	"sync"
)

// Client is a connection to one server.
type Client struct{ addr string }

// Process sends one command to the server.
func (c *Client) Process(ctx context.Context, cmd Cmder) error { return nil }

// Cmder is a command sent to the cluster.
type Cmder interface {
	Args() []any
	Clone() Cmder
}

type clusterNode struct{ Client *Client }

type clusterState struct {
	Masters []*clusterNode
	Slaves  []*clusterNode
}

type stateHolder struct {
	mu    sync.Mutex
	state *clusterState
}

// Get returns the cluster's current topology, loading it if needed.
func (h *stateHolder) Get(ctx context.Context) (*clusterState, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.state, nil
}

// ClusterClient sends commands to a cluster of servers.
type ClusterClient struct{ state stateHolder }

// ForEachMaster runs fn on each master concurrently: the masters come
// from the cluster's topology (a method of a receiver's field, given only
// a context), so there are as many goroutines as masters.
func (c *ClusterClient) ForEachMaster(ctx context.Context, fn func(context.Context, *Client) error) error {
	state, err := c.state.Get(ctx)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	errCh := make(chan error, 1)
	for _, master := range state.Masters {
		wg.Add(1)
		go func(node *clusterNode) {
			defer wg.Done()
			if err := fn(ctx, node.Client); err != nil {
				select {
				case errCh <- err:
				default:
				}
			}
		}(master)
	}
	wg.Wait()
	select {
	case err := <-errCh:
		return err
	default:
		return nil
	}
}

// executeOnAllNodes sends a command to every node, masters and replicas.
func (c *ClusterClient) executeOnAllNodes(ctx context.Context, cmd Cmder) error {
	state, err := c.state.Get(ctx)
	if err != nil {
		return err
	}
	nodes := make([]*clusterNode, 0, len(state.Masters)+len(state.Slaves))
	nodes = append(nodes, state.Masters...)
	nodes = append(nodes, state.Slaves...)
	return c.executeParallel(ctx, cmd, nodes)
}

// executeParallel is unexported and every caller passes nodes of the
// cluster: its parameter is topology, though it is a slice.
func (c *ClusterClient) executeParallel(ctx context.Context, cmd Cmder, nodes []*clusterNode) error {
	results := make(chan error, len(nodes))
	var wg sync.WaitGroup
	for _, node := range nodes {
		wg.Add(1)
		go func(n *clusterNode) {
			defer wg.Done()
			results <- n.Client.Process(ctx, cmd.Clone())
		}(node)
	}
	wg.Wait()
	close(results)
	for err := range results {
		if err != nil {
			return err
		}
	}
	return nil
}

// Broadcast is the exported entry point of executeOnAllNodes.
func (c *ClusterClient) Broadcast(ctx context.Context, cmd Cmder) error {
	return c.executeOnAllNodes(ctx, cmd)
}
