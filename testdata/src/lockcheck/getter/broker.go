package getter

import (
	"sync"
	"time"
)

// Broker fans messages out to subscribers. Each field below is written
// under b.mu at one place only, in a way that keeps changing it (a map
// entry, an append, a counter): that one locked write is enough to make
// the unlocked getters race with it.
type Broker struct {
	mu        sync.Mutex
	topics    map[string][]chan []byte
	log       []string
	published int
	lastTick  time.Time
	ticks     int
}

// NewBroker starts the broker's housekeeping loop.
func NewBroker() *Broker {
	b := &Broker{topics: make(map[string][]chan []byte)}
	go b.housekeep()
	return b
}

// Subscribe registers a channel on a topic.
func (b *Broker) Subscribe(topic string, ch chan []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.topics[topic] = append(b.topics[topic], ch)
}

// Publish sends a message to the topic's subscribers.
func (b *Broker) Publish(topic string, msg []byte) {
	b.mu.Lock()
	subs := b.topics[topic]
	b.log = append(b.log, topic)
	b.published++
	b.mu.Unlock()
	for _, ch := range subs {
		ch <- msg
	}
}

// Topics forgets the lock while Subscribe adds entries.
func (b *Broker) Topics() int {
	return len(b.topics) // want `b.topics read without b.mu held`
}

// Log returns the publish log without the lock while Publish appends.
func (b *Broker) Log() []string {
	return b.log // want `b.log read without b.mu held`
}

// Published forgets the lock while Publish counts.
func (b *Broker) Published() int {
	return b.published // want `b.published read without b.mu held`
}

// housekeep is the broker's own loop: lastTick and ticks are written
// under b.mu (taken for the topics) and read by the same loop without
// it. No other code reads them: the loop's own reads do not race with
// its writes (not reported).
func (b *Broker) housekeep() {
	for range time.Tick(time.Minute) {
		if time.Since(b.lastTick) < time.Second || b.ticks > 1000 {
			continue
		}
		b.mu.Lock()
		b.lastTick = time.Now()
		b.ticks++
		for topic, subs := range b.topics {
			if len(subs) == 0 {
				delete(b.topics, topic)
			}
		}
		b.mu.Unlock()
	}
}
