package topology

import (
	"context"
	"sync"
)

// Assignment is a partition assigned to this consumer by the group.
type Assignment struct {
	ID     int
	Offset int64
}

// Generation is one epoch of a consumer group.
type Generation struct{ Assignments map[string][]Assignment }

// Group is a consumer group.
type Group struct{ next chan *Generation }

// Next waits for the next generation of the group.
func (g *Group) Next(ctx context.Context) (*Generation, error) {
	select {
	case gen := <-g.next:
		return gen, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type topicPartition struct {
	topic     string
	partition int
}

// Reader reads from the partitions the group assigns it.
type Reader struct {
	ctx  context.Context
	join sync.WaitGroup
}

// run follows the group's generations: the assignments are topology the
// group coordinator decides, received with only a context as argument.
func (r *Reader) run(g *Group) {
	for {
		gen, err := g.Next(r.ctx)
		if err != nil {
			return
		}
		r.subscribe(gen.Assignments)
	}
}

func (r *Reader) subscribe(all map[string][]Assignment) {
	offsets := make(map[topicPartition]int64)
	for topic, as := range all {
		for _, a := range as {
			offsets[topicPartition{topic, a.ID}] = a.Offset
		}
	}
	r.start(offsets)
}

// start runs one reader per assigned partition.
func (r *Reader) start(offsets map[topicPartition]int64) {
	r.join.Add(len(offsets))
	for key, offset := range offsets {
		go func(key topicPartition, offset int64) {
			defer r.join.Done()
			readPartition(r.ctx, key, offset)
		}(key, offset)
	}
}

func readPartition(context.Context, topicPartition, int64) {}

// NewReader starts a reader following a group.
func NewReader(ctx context.Context, g *Group) *Reader {
	r := &Reader{ctx: ctx}
	go r.run(g)
	return r
}
